package dev.smelt.pipeline.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MojibakeRepairTest {
  private final MojibakeRepair repair = new MojibakeRepair();

  private static String misread(String text, String charset) {
    return new String(text.getBytes(StandardCharsets.UTF_8), Charset.forName(charset));
  }

  @Test
  void repairsUtf8ReadAsWindows1252() {
    assertEquals("donâ€™t", misread("don’t", "windows-1252"));
    for (String text : new String[] {"don’t", "café crème", "“quoted„ — dash…", "€5 ™", "naïve Ñandú", "smile 😀"}) {
      assertEquals(text, repair.repair(misread(text, "windows-1252")), text);
    }
  }

  @Test
  void repairsUtf8ReadAsLatin1() {
    assertEquals("café – x", repair.repair(misread("café – x", "ISO-8859-1")));
  }

  @Test
  void leavesCorrectTextThatMerelyHoldsLeadCharactersAlone() {
    for (String text : new String[] {"NÃO é possível", "groß“ und „Fuß“", "été «chaud»", "Â la carte",
        "plain ascii", "日本語のテキスト", "ÃÂ"}) {
      assertEquals(text, repair.repair(text), text);
    }
  }

  @Test
  void countsEachRepairedSequenceSoTheRepairIsNotSilent() {
    assertEquals(new MojibakeRepair.Repaired("It’s café time", 2),
        repair.repairCounted("It\u00e2\u20ac\u2122s caf\u00c3\u00a9 time"));
    assertEquals(new MojibakeRepair.Repaired("plain", 0), repair.repairCounted("plain"));
  }
}
