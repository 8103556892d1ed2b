package dev.smelt.activities.finetune;

/** One labelled example; labels are 0..numClasses-1. */
public record LabelledText(String text, int label) {}
