package dev.smelt.infra.cli;

import dev.smelt.activities.run.RunId;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A run id given on the command line: a plain name (RunId) or a usage error before anything runs. */
final class RunIdConverter implements ITypeConverter<String> {
  @Override
  public String convert(String value) {
    RunId.problem(value).ifPresent(p -> {
      throw new TypeConversionException(p);
    });
    return value;
  }
}
