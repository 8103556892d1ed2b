package dev.smelt.pipeline.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunnelCountersTest {
  @Test
  void utf8LengthIsTheEncodedLength() {
    for (String text : List.of("", "plain", "café", "日本語", "€", "𝔘𝔫𝔦", "a\uD835", "\uDC18b", "\uD835\uD835\uDC18",
        "x\uDC18\uD835", "\u007f\u0080\u07ff\u0800\uffff")) {
      assertEquals(text.getBytes(StandardCharsets.UTF_8).length, FunnelCounters.utf8Length(text), () -> "for: " + text);
    }
  }
}
