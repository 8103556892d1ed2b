package dev.smelt.settings.filter;

import static dev.smelt.settings.Check.fraction;
import static dev.smelt.settings.Check.that;

import java.io.Serializable;
import java.util.List;

/**
 * Copyright and licensing ({@code data.filterSettings.copyright}); every policy is {@code drop}
 * (reject) or {@code tag} (keep, record in data/tags/). Whether {@code protectedDir} exists is
 * checked where paths are resolved (infra's config loader), not here.
 *
 * @param licensePolicy for SPDX licence texts (default tag)
 * @param minLicenseContainment share of a licence's sampled shingles a document must hold (0.5)
 * @param noticePolicy for copyright notices (default tag)
 * @param optOutPolicy for opted-out sources and domains (default drop)
 * @param optOutSources globs matched against the document's source, e.g. "news/**" (default [])
 * @param optOutDomains domains matched against the source and URLs in the text; a domain covers
 *     its subdomains, in any case (default [])
 * @param protectedPolicy for overlap with protected works (default drop)
 * @param protectedDir folder of protected works, "" for none (default "")
 * @param maxProtectedOverlap share of a document's 13-word shingles found in them (0.2)
 */
public record CopyrightSettings(
    String licensePolicy, double minLicenseContainment, String noticePolicy, String optOutPolicy,
    List<String> optOutSources, List<String> optOutDomains, String protectedPolicy,
    String protectedDir, double maxProtectedOverlap) implements Serializable {
  private static final String KEY = "data.filterSettings.copyright.";

  /** Smelt's own choice: licences and notices tagged, opt-outs and protected works dropped. */
  public static final CopyrightSettings PUBLISHED =
      new CopyrightSettings("tag", 0.5, "tag", "drop", List.of(), List.of(), "drop", "", 0.2);

  public CopyrightSettings {
    policy(licensePolicy, KEY + "licensePolicy");
    policy(noticePolicy, KEY + "noticePolicy");
    policy(optOutPolicy, KEY + "optOutPolicy");
    policy(protectedPolicy, KEY + "protectedPolicy");
    fraction(minLicenseContainment, KEY + "minLicenseContainment");
    fraction(maxProtectedOverlap, KEY + "maxProtectedOverlap");
    that(optOutSources != null, KEY + "optOutSources", "must be a list of globs");
    that(optOutDomains != null, KEY + "optOutDomains", "must be a list of domains");
    for (int i = 0; i < optOutDomains.size(); i++) {
      that(optOutDomains.get(i) != null && optOutDomains.get(i).matches("(?i)[a-z0-9-]+(\\.[a-z0-9-]+)+"),
          KEY + "optOutDomains[" + i + "]", "must be a domain such as example.com");
    }
    that(protectedDir != null, KEY + "protectedDir", "must be a folder, or \"\" for none");
    optOutSources = List.copyOf(optOutSources);
    optOutDomains = List.copyOf(optOutDomains);
  }

  private static void policy(String v, String key) {
    that("drop".equals(v) || "tag".equals(v), key, "must be drop or tag");
  }
}
