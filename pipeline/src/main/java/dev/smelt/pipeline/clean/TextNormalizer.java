package dev.smelt.pipeline.clean;

import java.io.Serializable;
import java.text.Normalizer;

/**
 * Puts text into one canonical form: LF line ends, Unicode NFC, no control or format characters
 * (except newline), every run of spaces and tabs as one space, lines trimmed, at most one blank
 * line in a row, and no leading or trailing whitespace. Mojibake is repaired earlier, while
 * reading, where each repair is counted ({@link MojibakeRepair}, MOJIBAKE_REPAIRED).
 */
public final class TextNormalizer implements Serializable {
  private static final int ZWNJ = 0x200C;
  private static final int ZWJ = 0x200D;

  public String normalize(String text) {
    String nfc = Normalizer.normalize(unifyLineBreaks(text), Normalizer.Form.NFC);
    StringBuilder out = new StringBuilder(nfc.length());
    int pendingNewlines = 0;
    boolean pendingSpace = false;
    boolean lineStart = true;
    for (int i = 0; i < nfc.length(); ) {
      int cp = nfc.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '\n') {
        pendingNewlines++;
        pendingSpace = false; // trailing spaces of a line are dropped
        lineStart = true;
      } else if (isHorizontalSpace(cp)) {
        pendingSpace = true;
      } else if (!isRemoved(cp)) {
        if (out.length() > 0 && pendingNewlines > 0) {
          out.append(pendingNewlines >= 2 ? "\n\n" : "\n");
        }
        if (pendingSpace && !lineStart) {
          out.append(' ');
        }
        out.appendCodePoint(cp);
        pendingNewlines = 0;
        pendingSpace = false;
        lineStart = false;
      }
    }
    return out.toString();
  }

  private static String unifyLineBreaks(String text) {
    return text.replace("\r\n", "\n")
        .replace('\r', '\n')
        .replace('\u0085', '\n') // NEL
        .replace('\u2028', '\n') // LINE SEPARATOR
        .replace("\u2029", "\n\n"); // PARAGRAPH SEPARATOR
  }

  private static boolean isHorizontalSpace(int cp) {
    return cp == '\t' || Character.getType(cp) == Character.SPACE_SEPARATOR;
  }

  private static boolean isRemoved(int cp) {
    int type = Character.getType(cp);
    // ZWJ/ZWNJ are format characters, but they carry meaning in emoji sequences and in
    // Persian and Indic scripts, so removing them would change the text, not clean it.
    return type == Character.CONTROL || (type == Character.FORMAT && cp != ZWJ && cp != ZWNJ);
  }
}
