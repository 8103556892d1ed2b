package dev.smelt.pipeline.read;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.DocDecision;
import dev.smelt.pipeline.filter.RejectReason;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** The bytes of one document, read up to a limit so that a huge one is never held whole. */
record BoundedBytes(byte[] bytes, int limit, boolean tooLong) {

  static BoundedBytes read(InputStream in, int limit) throws IOException {
    byte[] bytes = in.readNBytes(limit);
    return new BoundedBytes(bytes, limit, in.read() >= 0);
  }

  static BoundedBytes of(byte[] bytes, int length, int limit) {
    return new BoundedBytes(java.util.Arrays.copyOf(bytes, Math.min(length, limit)), limit, length > limit);
  }

  /** The start of the bytes, decoded leniently: the text a reject row shows. */
  String lenientText() {
    return Utf8.decodeLenient(bytes, bytes.length);
  }

  DocDecision tooLongReject(Doc raw, String what) {
    return DocDecision.reject(raw, RejectReason.TOO_LONG, what + " longer than " + limit + " bytes");
  }

  /**
   * Keeps the text decoded (with a declared or detected charset; a guess is noted as a rewrite),
   * or rejects with why not.
   */
  DocDecision decide(Doc raw, String declaredCharset) {
    return decide(raw, declaredCharset, false);
  }

  /**
   * As {@link #decide(Doc, String)}; {@code declaredIsGuess}: the declared charset was itself
   * detected (from a file's head), so text decoded with it counts as a guess too.
   */
  DocDecision decide(Doc raw, String declaredCharset, boolean declaredIsGuess) {
    TextDecoding.Result result = TextDecoding.decode(bytes, bytes.length, declaredCharset);
    if (result instanceof TextDecoding.Decoded decoded) {
      Map<RejectReason, Integer> edits = decoded.rewrites();
      if (declaredIsGuess && decoded.charset().equals(declaredCharset)) {
        edits.put(RejectReason.CHARSET_GUESSED, 1);
      }
      return ReadRewrites.kept(new Doc(raw.docId(), raw.source(), decoded.text()), edits);
    }
    TextDecoding.Failed failed = (TextDecoding.Failed) result;
    return DocDecision.reject(raw, failed.reason(), failed.detail());
  }
}
