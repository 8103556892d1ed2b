package dev.smelt.activities.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LrScheduleTest {
  final LrSchedule s = new LrSchedule(1e-3, 1e-4, 10, 110);

  @Test
  void warmsUpLinearlyFromTheFirstStep() {
    assertEquals(1e-4, s.at(1), 1e-12);
    assertEquals(5e-4, s.at(5), 1e-12);
    assertEquals(1e-3, s.at(10), 1e-12);
  }

  @Test
  void decaysAlongACosineToTheMinimum() {
    assertEquals(5.5e-4, s.at(60), 1e-12, "half way: the mean of peak and min");
    assertEquals(1e-4 + 0.45e-3 * (1 + Math.cos(Math.PI * 0.25)), s.at(35), 1e-12);
    assertEquals(1e-4, s.at(110), 1e-12);
    assertEquals(1e-4, s.at(500), 1e-12);
  }

  @Test
  void withoutWarmupStartsAtThePeak() {
    LrSchedule noWarmup = new LrSchedule(1e-3, 0, 0, 100);
    assertEquals(1e-3 * 0.5 * (1 + Math.cos(Math.PI / 100)), noWarmup.at(1), 1e-12);
  }
}
