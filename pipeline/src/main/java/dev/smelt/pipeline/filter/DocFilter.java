package dev.smelt.pipeline.filter;

import dev.smelt.pipeline.doc.Doc;
import java.io.Serializable;

/**
 * One quality rule. Implementations are pure: no counting, no I/O, no state between documents;
 * {@link ApplyFilter} runs them as a named stage and does the counting and routing.
 */
@FunctionalInterface
public interface DocFilter extends Serializable {
  Decision decide(Doc doc);
}
