package dev.smelt.pipeline.doc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/**
 * A {@link Doc} as its three strings, each length-prefixed UTF-8 (or null): what the DirectRunner and the
 * groupings copy documents through. Java serialization (SerializableCoder) wrote the class
 * description with every element and read it back through reflection, a few percent of the data
 * stage (docs/throughput.md). Deterministic: equal documents, equal bytes.
 */
public final class DocCoder extends CustomCoder<Doc> {
  private static final DocCoder INSTANCE = new DocCoder();
  private static final Coder<String> STRING = NullableCoder.of(StringUtf8Coder.of());

  private DocCoder() {}

  public static DocCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Doc doc, OutputStream out) throws IOException {
    STRING.encode(doc.docId(), out);
    STRING.encode(doc.source(), out);
    STRING.encode(doc.text(), out);
  }

  @Override
  public Doc decode(InputStream in) throws IOException {
    return new Doc(STRING.decode(in), STRING.decode(in), STRING.decode(in));
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
