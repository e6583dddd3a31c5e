package io.monitron.indexer.kibana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.monitron.indexer.kibana.KqlSubset.And;
import io.monitron.indexer.kibana.KqlSubset.Exists;
import io.monitron.indexer.kibana.KqlSubset.Match;
import io.monitron.indexer.kibana.KqlSubset.MatchAll;
import io.monitron.indexer.kibana.KqlSubset.Not;
import io.monitron.indexer.kibana.KqlSubset.Or;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KqlSubsetTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void translatesABareValueToAMatchQuery() throws Exception {
        assertThat(KqlSubset.toQueryDsl("event.outcome: failure"))
                .isEqualTo(json("{\"match\":{\"event.outcome\":\"failure\"}}"));
    }

    @Test
    void translatesAQuotedValueToAPhraseWithEscapesResolved() throws Exception {
        assertThat(KqlSubset.toQueryDsl("event.provider: \"monitron.amazonaws.com\""))
                .isEqualTo(json("{\"match_phrase\":{\"event.provider\":\"monitron.amazonaws.com\"}}"));
        assertThat(KqlSubset.parse("user.name: \"a \\\"b\\\" c\""))
                .isEqualTo(new Match("user.name", "a \"b\" c", true));
    }

    @Test
    void translatesStarToExists() throws Exception {
        assertThat(KqlSubset.toQueryDsl("error.code: *")).isEqualTo(json("{\"exists\":{\"field\":\"error.code\"}}"));
    }

    @Test
    void translatesAValueListToShouldWithMinimumOne() throws Exception {
        assertThat(KqlSubset.toQueryDsl("event.action: (CreateSite or DeleteSite)"))
                .isEqualTo(json("{\"bool\":{\"should\":[{\"match\":{\"event.action\":\"CreateSite\"}},"
                        + "{\"match\":{\"event.action\":\"DeleteSite\"}}],\"minimum_should_match\":1}}"));
    }

    @Test
    void translatesAndToFilterAndNotToMustNot() throws Exception {
        assertThat(KqlSubset.toQueryDsl("not a: true and b: x"))
                .isEqualTo(json("{\"bool\":{\"filter\":[{\"bool\":{\"must_not\":[{\"match\":{\"a\":\"true\"}}]}},"
                        + "{\"match\":{\"b\":\"x\"}}]}}"));
    }

    @Test
    void notBindsTighterThanAndWhichBindsTighterThanOr() {
        assertThat(KqlSubset.parse("a: 1 or b: 2 AND NOT c: 3"))
                .isEqualTo(new Or(List.of(
                        new Match("a", "1", false),
                        new And(List.of(new Match("b", "2", false), new Not(new Match("c", "3", false)))))));
    }

    @Test
    void parenthesesOverridePrecedence() {
        assertThat(KqlSubset.parse("(a: 1 or b: 2) and c: *"))
                .isEqualTo(new And(List.of(
                        new Or(List.of(new Match("a", "1", false), new Match("b", "2", false))), new Exists("c"))));
    }

    @Test
    void anEmptyQueryMatchesEverything() throws Exception {
        assertThat(KqlSubset.parse("  ")).isEqualTo(new MatchAll());
        assertThat(KqlSubset.toQueryDsl("")).isEqualTo(json("{\"match_all\":{}}"));
    }

    @Test
    void listsEveryFieldTheQueryNames() {
        assertThat(KqlSubset.fields("not x.y: true and (a: 1 or b: (c or d)) and @timestamp: *"))
                .containsExactly("x.y", "a", "b", "@timestamp");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "event.action: Delete*",
                "bytes > 10",
                "bytes: >10",
                "aws.cloudtrail.resources: { arn: x }",
                "failure",
                "a: b c: d",
                "a: \"unterminated",
                "(a: b",
                "a: (b and c)",
                "a*: b",
                "a: b or",
                "a: b\\:c"
            })
    void rejectsKqlOutsideTheSubset(String kql) {
        assertThatThrownBy(() -> KqlSubset.parse(kql))
                .isInstanceOf(KqlSubset.UnsupportedKqlException.class)
                .hasMessageContaining("position")
                .hasMessageContaining(kql);
    }
}
