package dev.smelt.pipeline.copyright;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.Decision;
import dev.smelt.pipeline.filter.DocFilter;
import dev.smelt.pipeline.filter.RejectReason;
import dev.smelt.settings.filter.CopyrightSettings;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Copyright and licensing: licence texts (SPDX), copyright notices, sources and domains that opted
 * out, and overlap with protected works. Each rule has a policy, {@code drop} or {@code tag}: a
 * drop rejects (the first matching drop rule, in that order, is the reason), tags keep the document
 * and record every matching rule.
 */
public final class CopyrightFilter implements DocFilter {
  private static final Pattern NOTICE = Pattern.compile(
      "(?i)(?:\\bcopyright\\s*(?:\\(c\\)|\u00a9)?\\s*(?:\\d{4}|\\(c\\)|\u00a9)|\u00a9\\s*\\d{4}|\\ball rights reserved\\b)");
  private static final Pattern URL_HOST = Pattern.compile("(?i)\\bhttps?://([a-z0-9.-]+)");

  private final CopyrightSettings s;
  /** The opted-out domains, lower-cased: a host matches in any case. */
  private final List<String> optOutDomains;
  /** Not serialized (a DoFn is serialized again per bundle on the DirectRunner): bundled, shared. */
  private transient LicenseIndex licenses;
  private final ProtectedWorks protectedWorks;
  private transient List<PathMatcher> sourceGlobs;

  public CopyrightFilter(CopyrightSettings settings) {
    this.s = settings;
    this.optOutDomains = settings.optOutDomains().stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
    this.licenses = LicenseIndex.shared();
    this.protectedWorks = settings.protectedDir().isBlank()
        ? ProtectedWorks.none()
        : ProtectedWorks.load(Path.of(settings.protectedDir()));
    globs(); // fails early on a malformed glob
  }

  @Override
  public Decision decide(Doc doc) {
    Map<RejectReason, String> hits = new EnumMap<>(RejectReason.class);
    Map<RejectReason, String> policy = new EnumMap<>(RejectReason.class);
    String optOut = optOut(doc);
    if (optOut != null) {
      hits.put(RejectReason.OPTED_OUT, optOut);
      policy.put(RejectReason.OPTED_OUT, s.optOutPolicy());
    }
    double overlap = protectedWorks.overlap(doc.text());
    if (overlap > s.maxProtectedOverlap()) {
      hits.put(RejectReason.PROTECTED_OVERLAP, String.format(Locale.ROOT,
          "%.3f of 13-grams in protected works > %s", overlap, s.maxProtectedOverlap()));
      policy.put(RejectReason.PROTECTED_OVERLAP, s.protectedPolicy());
    }
    if (licenses == null) {
      licenses = LicenseIndex.shared();
    }
    LicenseIndex.Match lic = licenses.best(doc.text());
    if (lic != null && lic.containment() >= s.minLicenseContainment()) {
      hits.put(RejectReason.LICENSE_TEXT, String.format(Locale.ROOT, "%s %.2f", lic.spdxId(), lic.containment()));
      policy.put(RejectReason.LICENSE_TEXT, s.licensePolicy());
    }
    Matcher notice = NOTICE.matcher(doc.text());
    if (notice.find()) {
      hits.put(RejectReason.COPYRIGHT_NOTICE, "'" + lineAround(doc.text(), notice.start()) + "'");
      policy.put(RejectReason.COPYRIGHT_NOTICE, s.noticePolicy());
    }
    for (RejectReason r : List.of(RejectReason.OPTED_OUT, RejectReason.PROTECTED_OVERLAP,
        RejectReason.LICENSE_TEXT, RejectReason.COPYRIGHT_NOTICE)) {
      if ("drop".equals(policy.get(r))) {
        return Decision.reject(r, hits.get(r));
      }
    }
    return Decision.tag(hits);
  }

  private String optOut(Doc doc) {
    for (PathMatcher glob : globs()) {
      if (doc.source() != null && glob.matches(Path.of(doc.source()))) {
        return "source " + doc.source() + " matches an opt-out glob";
      }
    }
    if (optOutDomains.isEmpty()) {
      return null;
    }
    if (doc.source() != null && doc.source().matches("(?i)https?://.*")) {
      String host = host(doc.source());
      if (host != null && optedOutDomain(host)) {
        return "source host " + host + " opted out";
      }
    }
    Matcher m = URL_HOST.matcher(doc.text());
    while (m.find()) {
      String host = m.group(1).toLowerCase(Locale.ROOT);
      if (optedOutDomain(host)) {
        return "URL host " + host + " opted out";
      }
    }
    return null;
  }

  private boolean optedOutDomain(String host) {
    return optOutDomains.stream().anyMatch(d -> host.equals(d) || host.endsWith("." + d));
  }

  private static String host(String url) {
    try {
      String h = URI.create(url.strip()).getHost();
      return h == null ? null : h.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private List<PathMatcher> globs() {
    if (sourceGlobs == null) {
      sourceGlobs = s.optOutSources().stream()
          .map(g -> {
            try {
              return FileSystems.getDefault().getPathMatcher("glob:" + g);
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException("opt-out source glob '" + g + "' is malformed: " + e.getMessage(), e);
            }
          })
          .toList();
    }
    return sourceGlobs;
  }

  private static String lineAround(String text, int at) {
    int start = text.lastIndexOf('\n', at) + 1;
    int end = text.indexOf('\n', at);
    String line = text.substring(start, end < 0 ? text.length() : end).strip();
    return line.length() > 120 ? line.substring(0, 120) + "…" : line;
  }
}
