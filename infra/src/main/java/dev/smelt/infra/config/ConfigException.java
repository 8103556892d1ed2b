package dev.smelt.infra.config;

/** A problem with a run config that the user can fix; its message is one line naming the key. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
