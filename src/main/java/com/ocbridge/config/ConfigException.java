package com.ocbridge.config;

/** A configuration problem that stops the service at start (exit code 2). Always names the key. */
public final class ConfigException extends RuntimeException {
  private final String key;

  public ConfigException(String key, String problem) {
    super("configuration key '" + key + "': " + problem);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
