/**
 * Texts for people: what 1C's operator reads is Russian, says what happened, with the facts a person can act on, and
 * never shows class names or raw exception texts (those go to the log).
 */
package com.ocbridge.messages;
