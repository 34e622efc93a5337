/**
 * Implementation of the CommerceML reader and writer. Public only so the sub-packages can share it; not an API:
 * callers use {@code com.ocbridge.commerceml} and {@code com.ocbridge.commerceml.model}.
 */
package com.ocbridge.commerceml.internal;
