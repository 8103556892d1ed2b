package dev.smelt.pipeline.filter;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.doc.DocCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.EnumMap;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;

/**
 * Coders of what the stages pass on ({@link DocDecision}, {@link Rejected}, {@link Tagged}) as their
 * fields, strings length-prefixed UTF-8 and reasons by name, instead of Java serialization, which
 * wrote each element's class descriptions and read them back by reflection (docs/throughput.md).
 * All are deterministic; null strings are kept.
 */
public final class DecisionCoders {
  /** Strings may be null in a record (Java serialization carried that too). */
  private static final Coder<String> STRING = NullableCoder.of(StringUtf8Coder.of());
  private static final VarIntCoder INT = VarIntCoder.of();
  private static final int KEEP = 0;
  private static final int REJECT = 1;
  private static final int REWRITE = 2;
  private static final int TAG = 3;

  private DecisionCoders() {}

  /** The coder of {@link DocDecision}: the document, then a kind byte and the decision's fields. */
  public static CustomCoder<DocDecision> docDecision() {
    return DocDecisionCoder.INSTANCE;
  }

  /** The coder of {@link Rejected}: the document, the stage, the reason and its detail. */
  public static CustomCoder<Rejected> rejected() {
    return RejectedCoder.INSTANCE;
  }

  /** The coder of {@link Tagged}: its five fields. */
  public static CustomCoder<Tagged> tagged() {
    return TaggedCoder.INSTANCE;
  }

  private static void encodeReason(RejectReason reason, OutputStream out) throws IOException {
    STRING.encode(reason.name(), out);
  }

  private static RejectReason decodeReason(InputStream in) throws IOException {
    String name = STRING.decode(in);
    try {
      return RejectReason.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new CoderException("unknown reject reason '" + name + "'");
    }
  }

  private abstract static class Deterministic<T> extends CustomCoder<T> {
    @Override
    public void verifyDeterministic() {}
  }

  private static final class DocDecisionCoder extends Deterministic<DocDecision> {
    static final DocDecisionCoder INSTANCE = new DocDecisionCoder();

    @Override
    public void encode(DocDecision value, OutputStream out) throws IOException {
      DocCoder.of().encode(value.doc(), out);
      Decision decision = value.decision();
      if (decision instanceof Decision.Reject reject) {
        out.write(REJECT);
        encodeReason(reject.reason(), out);
        STRING.encode(reject.detail(), out);
      } else if (decision instanceof Decision.Rewrite rewrite) {
        out.write(REWRITE);
        STRING.encode(rewrite.text(), out);
        INT.encode(rewrite.edits().size(), out);
        for (Map.Entry<RejectReason, Integer> edit : rewrite.edits().entrySet()) {
          encodeReason(edit.getKey(), out);
          INT.encode(edit.getValue(), out);
        }
      } else if (decision instanceof Decision.Tag tag) {
        out.write(TAG);
        INT.encode(tag.tags().size(), out);
        for (Map.Entry<RejectReason, String> t : tag.tags().entrySet()) {
          encodeReason(t.getKey(), out);
          STRING.encode(t.getValue(), out);
        }
      } else {
        out.write(KEEP);
      }
    }

    @Override
    public DocDecision decode(InputStream in) throws IOException {
      Doc doc = DocCoder.of().decode(in);
      int kind = in.read();
      return new DocDecision(doc, switch (kind) {
        case KEEP -> Decision.keep();
        case REJECT -> new Decision.Reject(decodeReason(in), STRING.decode(in));
        case REWRITE -> {
          String text = STRING.decode(in);
          Map<RejectReason, Integer> edits = new EnumMap<>(RejectReason.class);
          for (int n = INT.decode(in); n > 0; n--) {
            edits.put(decodeReason(in), INT.decode(in));
          }
          yield new Decision.Rewrite(text, edits);
        }
        case TAG -> {
          Map<RejectReason, String> tags = new EnumMap<>(RejectReason.class);
          for (int n = INT.decode(in); n > 0; n--) {
            tags.put(decodeReason(in), STRING.decode(in));
          }
          yield new Decision.Tag(tags);
        }
        default -> throw new CoderException("unknown decision kind " + kind);
      });
    }
  }

  private static final class RejectedCoder extends Deterministic<Rejected> {
    static final RejectedCoder INSTANCE = new RejectedCoder();

    @Override
    public void encode(Rejected value, OutputStream out) throws IOException {
      DocCoder.of().encode(value.doc(), out);
      STRING.encode(value.stage(), out);
      encodeReason(value.reason(), out);
      STRING.encode(value.detail(), out);
    }

    @Override
    public Rejected decode(InputStream in) throws IOException {
      return new Rejected(DocCoder.of().decode(in), STRING.decode(in), decodeReason(in), STRING.decode(in));
    }
  }

  private static final class TaggedCoder extends Deterministic<Tagged> {
    static final TaggedCoder INSTANCE = new TaggedCoder();

    @Override
    public void encode(Tagged value, OutputStream out) throws IOException {
      STRING.encode(value.docId(), out);
      STRING.encode(value.source(), out);
      STRING.encode(value.stage(), out);
      encodeReason(value.reason(), out);
      STRING.encode(value.detail(), out);
    }

    @Override
    public Tagged decode(InputStream in) throws IOException {
      return new Tagged(STRING.decode(in), STRING.decode(in), STRING.decode(in), decodeReason(in),
          STRING.decode(in));
    }
  }
}
