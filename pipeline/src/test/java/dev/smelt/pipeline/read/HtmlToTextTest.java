package dev.smelt.pipeline.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HtmlToTextTest {
  private final HtmlToText html = new HtmlToText();

  private static final String PAGE = """
      <!doctype html><html><head><title>Shop</title><style>p{color:red}</style>
      <script>var tracking = 1;</script></head><body>
      <header><a href="/">Home</a> <a href="/login">Log in</a></header>
      <nav><ul><li><a href="/a">Products</a></li><li><a href="/b">About us</a></li></ul></nav>
      <div class="content">
        <h1>Growing tomatoes</h1>
        <p>Tomatoes need   sun,
           water and patience.</p>
        <p>Plant them <a href="/spring">in spring</a> after the last frost, in rich soil.</p>
        <ul><li>Water daily</li><li>Stake the stems</li></ul>
        <div style="display: none">hidden keyword stuffing</div>
        <div class="related"><a href="/x">Related one</a> | <a href="/y">Related two</a> | <a href="/z">Related three</a></div>
      </div>
      <aside>Advertisement</aside>
      <form><input name="q"><button>Search</button></form>
      <footer>Copyright 2024 Shop Inc.</footer>
      </body></html>
      """;

  @Test
  void keepsHeadingsParagraphsAndListItemsAsLinesAndDropsBoilerplate() {
    assertEquals(
        "Growing tomatoes\n\nTomatoes need sun, water and patience.\n\n"
            + "Plant them in spring after the last frost, in rich soil.\n\nWater daily\nStake the stems",
        html.text(PAGE));
  }

  @Test
  void dropsScriptsStylesNavigationFootersFormsAndHiddenText() {
    String text = html.text(PAGE);
    for (String gone : new String[] {"tracking", "color", "Products", "Log in", "Advertisement",
        "Search", "Copyright", "hidden keyword", "Related one", "Shop"}) {
      assertFalse(text.contains(gone), gone + " should be gone: " + text);
    }
  }

  @Test
  void prefersTheMainElementOverTheRestOfThePage() {
    String page = "<body><div>Sidebar text that is long enough to look like content.</div>"
        + "<main><h2>Title</h2><p>Only this.</p></main><div>More outside text.</div></body>";
    assertEquals("Title\n\nOnly this.", html.text(page));
  }

  @Test
  void takesEveryTopLevelArticleWhenThereIsNoMain() {
    String page = "<body><div>Outside</div><article><p>First <b>post</b>.</p>"
        + "<article><p>Nested comment.</p></article></article><article><p>Second post.</p></article></body>";
    assertEquals("First post.\n\nNested comment.\n\nSecond post.", html.text(page));
  }

  @Test
  void dropsABlockThatIsMostlyLinksButKeepsAParagraphWithOneLink() {
    String page = "<body><p>Read the <a href='/g'>guide</a> before you start planting anything.</p>"
        + "<div><a href='/1'>One</a> <a href='/2'>Two</a> and</div></body>";
    assertEquals("Read the guide before you start planting anything.", html.text(page));
  }

  @Test
  void keepsPreformattedTextAsItIsAndBreaksLinesAtBr() {
    String text = html.text("<body><pre>a  b\n  c</pre><p>one<br>two</p></body>");
    assertTrue(text.startsWith("a  b\n  c"), text);
    assertTrue(text.endsWith("one\ntwo"), text);
  }

  @Test
  void cutsStrayTagsOutOfPlainTextButLeavesItsLinesAndOtherAngleBrackets() {
    assertEquals("Rates are low.\nClick here now\n\nif a < b then  c",
        html.plainText("Rates are low.<br>Click <a href=\"http://x\">here</a> now\n\nif a < b then  c"));
    assertEquals("line one\n  indented", html.plainText("line one\n  indented"));
    assertEquals("Whole page", html.plainText("<html><body><p>Whole page</p></body></html>"));
  }
}
