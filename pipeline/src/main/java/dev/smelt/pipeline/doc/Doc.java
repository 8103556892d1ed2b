package dev.smelt.pipeline.doc;

import java.io.Serializable;

/**
 * One document on its way through the pipeline.
 *
 * @param docId stable id, unique within the corpus (source path plus position)
 * @param source where it came from (corpus file, relative to its input root)
 * @param text its text, as far as the pipeline has cleaned it
 */
public record Doc(String docId, String source, String text) implements Serializable {}
