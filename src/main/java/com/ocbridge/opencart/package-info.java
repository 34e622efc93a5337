/**
 * The OpenCart client: a version-neutral port ({@link com.ocbridge.opencart.OpenCartClient}),
 * its records ({@code model}), errors ({@link com.ocbridge.opencart.OpenCartException} with
 * {@link com.ocbridge.opencart.ErrorKind}) and the flavour factory
 * ({@link com.ocbridge.opencart.OpenCartClients}); {@code bridgev1} talks to the OCBridge v1
 * extension ({@code docs/opencart-bridge-v1.md}).
 *
 * <p>Tests: {@code BridgeV1ContractTest}, {@code BridgeV1ErrorsTest} and
 * {@code BridgeV1ConcurrencyTest} run against WireMock stubs written from the contract.
 * {@code LiveShopContractTest} runs a scenario against a real shop with the extension installed:
 * <pre>
 * mvn -o test -Dtest=LiveShopContractTest \
 *     -Docbridge.contract.baseUrl=https://shop.example/ \
 *     -Docbridge.contract.username=Default -Docbridge.contract.apiKey=… \
 *     [-Docbridge.contract.language=ru-ru]
 * </pre>
 * The API user must list the caller's IP. The test's {@code FakeBridgeShop} (an in-memory
 * stand-in) can dry-run that suite without a shop.
 */
package com.ocbridge.opencart;
