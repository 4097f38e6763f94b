package dev.tessera.catalog.search.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Highlights mark what the query matched, by the query's own rules, and nothing else. */
class SnippetsTest {

    @Test
    void marksExactWordsTyposAndTheNamePrefixBeingTyped() {
        Snippets snippets = new Snippets("warehuose daily_v2 forec");
        assertThat(snippets.name("warehouse_inventory_forecast_daily_v2"))
                .isEqualTo("<em>warehouse</em>_inventory_<em>forecast</em>_<em>daily</em>_<em>v2</em>");
        // The prefix of the last word only counts in names (the prefix field is the name's).
        assertThat(snippets.description("Forecast of stock per warehouse"))
                .isEqualTo("Forecast of stock per <em>warehouse</em>");
        assertThat(snippets.description("Nothing here")).isNull();
    }

    @Test
    void typosNeedTheFirstLetterAndAFewEditsByWordLength() {
        Snippets snippets = new Snippets("data inventroy");
        // "date" is one edit from "data"; "bata" changes the first letter; "inventory" is a transposition.
        assertThat(snippets.name("date bata inventory")).isEqualTo("<em>date</em> bata <em>inventory</em>");
        // Words under four letters need to match exactly.
        assertThat(new Snippets("gl").name("gt gl")).isEqualTo("gt <em>gl</em>");
    }

    @Test
    void escapesHtmlAroundTheMarks() {
        assertThat(new Snippets("orders").name("<b>orders</b> & \"co\""))
                .isEqualTo("&lt;b&gt;<em>orders</em>&lt;&#x2F;b&gt; &amp; &quot;co&quot;");
    }

    @Test
    void aLongDescriptionIsCutToItsTwoBestSentences() {
        String filler = "Nothing to see in this sentence at all, it only makes the text longer. ";
        String text = filler.repeat(3) + "Orders per day. " + filler + "All orders and more orders. " + filler;
        assertThat(text.length()).isGreaterThan(Snippets.WHOLE_DESCRIPTION);
        assertThat(new Snippets("orders").description(text))
                .isEqualTo("<em>Orders</em> per day. … All <em>orders</em> and more <em>orders</em>.");
    }
}
