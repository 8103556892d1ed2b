package dev.smelt.infra.cli;

/**
 * A command called in a way it cannot honour (not a config error, not a failed run): printed as
 * one line after "smelt: ", exit status 2.
 */
final class UsageException extends RuntimeException {
  UsageException(String message) {
    super(message);
  }
}
