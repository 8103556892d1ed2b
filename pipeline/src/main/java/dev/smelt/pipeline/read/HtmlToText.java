package dev.smelt.pipeline.read;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The readable text of an HTML page, without its boilerplate: scripts, styles, navigation,
 * headers, footers, asides, forms and hidden elements go; the {@code <main>} element (or the
 * {@code <article>}s) is taken when the page has one, and otherwise blocks that are mostly link
 * text (menus, link lists) are dropped. Paragraphs, headings and list items become lines.
 */
public final class HtmlToText {
  /** A block whose text is more than this share of link text is navigation, not content. */
  static final double MAX_LINK_DENSITY = 0.5;

  private static final String BOILERPLATE =
      "head, script, style, noscript, template, nav, header, footer, aside, form, iframe, svg,"
          + " button, select, textarea, [hidden], [aria-hidden=true], [role=navigation],"
          + " [role=banner], [role=contentinfo], [role=complementary]";
  private static final Pattern HIDDEN_STYLE =
      Pattern.compile("(?i)display\\s*:\\s*none|visibility\\s*:\\s*hidden");
  private static final String LINK_DENSITY_CANDIDATES = "div, ul, ol, dl, table, tr, td, section, p, li, span, center";
  private static final Set<String> PARAGRAPHS = Set.of(
      "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "dl",
      "section", "article", "main", "figure", "address", "hr");
  private static final Set<String> LINES = Set.of(
      "div", "li", "dt", "dd", "tr", "br", "body", "center", "caption", "figcaption", "title",
      "legend", "fieldset", "details", "summary", "tbody", "thead", "tfoot");

  /** Common HTML tags, as found in plain-text mail parts that spammers fill with markup. */
  private static final Pattern STRAY_TAG = Pattern.compile(
      "(?i)</?(html|head|body|div|p|br|table|tbody|tr|td|th|font|span|a|img|b|i|u|center|meta|hr|ul|ol|li|h[1-6])(\\s[^<>]*)?/?>");
  private static final Pattern WHOLE_PAGE = Pattern.compile("(?i)<(html|body)[\\s>]");
  private static final Pattern LINE_TAG = Pattern.compile("(?i)<(br|p|div|tr|li|hr)\\b");

  /**
   * Text that should be plain but may carry HTML: a whole page is converted, stray tags are cut
   * out (line-making ones become line breaks), and text without tags is returned as it is, so
   * the line structure of real plain text survives.
   */
  public String plainText(String text) {
    if (WHOLE_PAGE.matcher(text).find()) {
      return text(text);
    }
    Matcher tag = STRAY_TAG.matcher(text);
    if (!tag.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    do {
      tag.appendReplacement(out, LINE_TAG.matcher(tag.group()).lookingAt() ? "\n" : "");
    } while (tag.find());
    return tag.appendTail(out).toString();
  }

  /** The text of an HTML document given as a string. */
  public String text(String html) {
    return text(Jsoup.parse(html));
  }

  String text(Document page) {
    page.select(BOILERPLATE).remove();
    for (Element styled : page.select("[style]")) {
      if (HIDDEN_STYLE.matcher(styled.attr("style")).find()) {
        styled.remove();
      }
    }
    Element main = page.selectFirst("main, [role=main]");
    if (main != null) {
      return render(List.of(main));
    }
    Elements articles = page.select("article");
    if (!articles.isEmpty()) {
      return render(articles.stream()
          .filter(a -> a.parents().stream().noneMatch(p -> p.normalName().equals("article")))
          .toList());
    }
    Element body = page.body();
    dropLinkHeavyBlocks(body);
    return render(List.of(body));
  }

  private static void dropLinkHeavyBlocks(Element root) {
    Map<Element, long[]> chars = countChars(root); // {all text, link text} per element
    for (Element block : root.select(LINK_DENSITY_CANDIDATES)) {
      long[] count = chars.get(block);
      if (block != root && count != null && count[0] > 0
          && (double) count[1] / count[0] > MAX_LINK_DENSITY) {
        block.remove();
      }
    }
  }

  /** Non-space characters below each element, in all and inside links, in one walk. */
  private static Map<Element, long[]> countChars(Element root) {
    Map<Element, long[]> chars = new IdentityHashMap<>();
    NodeTraversor.traverse((node, depth) -> {
      if (node instanceof TextNode text) {
        int n = nonSpace(text.getWholeText());
        if (n == 0) {
          return;
        }
        boolean inLink = false;
        for (Element e = text.parent(); e != null; e = e.parent()) {
          inLink |= e.normalName().equals("a");
        }
        for (Element e = text.parent(); e != null; e = e.parent()) {
          long[] count = chars.computeIfAbsent(e, k -> new long[2]);
          count[0] += n;
          count[1] += inLink ? n : 0;
          if (e == root) {
            break;
          }
        }
      }
    }, root);
    return chars;
  }

  private static int nonSpace(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isWhitespace(s.charAt(i))) {
        n++;
      }
    }
    return n;
  }

  private static String render(List<Element> roots) {
    TextWriter writer = new TextWriter();
    for (Element root : roots) {
      NodeTraversor.traverse(writer, root);
      writer.breakLines(2);
    }
    return writer.out.toString().strip();
  }

  /** Writes text nodes, with a line break around line-level blocks and a blank line around paragraphs. */
  private static final class TextWriter implements NodeVisitor {
    final StringBuilder out = new StringBuilder();

    @Override
    public void head(Node node, int depth) {
      if (node instanceof TextNode text) {
        if (inPre(text)) {
          out.append(text.getWholeText());
        } else {
          String collapsed = collapse(text.getWholeText());
          boolean lineStart = out.length() == 0 || out.charAt(out.length() - 1) == '\n';
          out.append(lineStart ? collapsed.stripLeading() : collapsed);
        }
      } else if (node instanceof Element element) {
        String name = element.normalName();
        if (PARAGRAPHS.contains(name)) {
          breakLines(2);
        } else if (LINES.contains(name)) {
          breakLines(1);
        }
      }
    }

    @Override
    public void tail(Node node, int depth) {
      if (node instanceof Element element) {
        String name = element.normalName();
        if (PARAGRAPHS.contains(name)) {
          breakLines(2);
        } else if (LINES.contains(name) && !name.equals("br")) {
          breakLines(1);
        } else if (name.equals("td") || name.equals("th")) {
          out.append(' ');
        }
      }
    }

    void breakLines(int wanted) {
      while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
        out.setLength(out.length() - 1);
      }
      if (out.length() == 0) {
        return;
      }
      int have = 0;
      for (int i = out.length() - 1; i >= 0 && out.charAt(i) == '\n'; i--) {
        have++;
      }
      out.append("\n".repeat(Math.max(0, wanted - have)));
    }

    private static boolean inPre(TextNode text) {
      for (Node p = text.parent(); p instanceof Element e; p = e.parent()) {
        if (e.normalName().equals("pre")) {
          return true;
        }
      }
      return false;
    }

    private static String collapse(String s) {
      return s.replaceAll("\\s+", " ");
    }
  }
}
