package io.noesis.episode.domain;

import static io.noesis.episode.EpisodeFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.noesis.schemas.EpisodeRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EpisodeRequestRulesTest {

    @Test
    void acceptsAWellFormedRequest() {
        assertThat(EpisodeRequestRules.validate(request("ep-1", "restart the web tier"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptable")
    void acceptsEveryAllowedForm(String description, Consumer<EpisodeRequest> change) {
        EpisodeRequest request = request("ep-1", "restart the web tier");
        change.accept(request);

        assertThat(EpisodeRequestRules.validate(request)).isEmpty();
    }

    static Stream<Arguments> acceptable() {
        return Stream.of(
                Arguments.of("task of 10,000 characters", change(r -> r.setTask("x".repeat(10_000)))),
                Arguments.of("intuition true", change(r -> r.setIntuition(true))),
                Arguments.of("intuition false", change(r -> r.setIntuition(false))),
                Arguments.of("intuition null", change(r -> r.setIntuition(null))),
                Arguments.of("twenty policies", change(r -> r.setIntuition(names(20)))),
                Arguments.of("fifty tags", change(r -> r.setTags(tags(50)))),
                Arguments.of("tag key of 64 allowed characters", change(r -> r.setTags(Map.of("a.b:c-d_" + "e".repeat(56), "v")))),
                Arguments.of("tag value of 256 characters", change(r -> r.setTags(Map.of("k", "v".repeat(256))))),
                Arguments.of("no environment", change(r -> r.setEnvironment(null))),
                Arguments.of("no episode id", change(r -> r.setEpisodeId(null))),
                Arguments.of("parent episode id", change(r -> r.setParentEpisodeId("parent.1:a-b_c"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void namesTheFieldOfEachViolation(String description, Consumer<EpisodeRequest> change, String field) {
        EpisodeRequest request = request("ep-1", "restart the web tier");
        change.accept(request);

        List<RequestViolation> violations = EpisodeRequestRules.validate(request);

        assertThat(violations).extracting(RequestViolation::field).containsExactly(field);
    }

    static Stream<Arguments> violations() {
        return Stream.of(
                Arguments.of("no task", change(r -> r.setTask(null)), "task"),
                Arguments.of("blank task", change(r -> r.setTask(" \t")), "task"),
                Arguments.of("task too long", change(r -> r.setTask("x".repeat(10_001))), "task"),
                Arguments.of("51 tags", change(r -> r.setTags(tags(51))), "tags"),
                Arguments.of("empty tag key", change(r -> r.setTags(Map.of("", "v"))), "tags"),
                Arguments.of("tag key with a space", change(r -> r.setTags(Map.of("a b", "v"))), "tags"),
                Arguments.of("tag key of 65 characters", change(r -> r.setTags(Map.of("k".repeat(65), "v"))), "tags"),
                Arguments.of("tag value too long", change(r -> r.setTags(Map.of("k", "v".repeat(257)))), "tags"),
                Arguments.of("tag without value", change(r -> r.setTags(nullValueTag())), "tags"),
                Arguments.of("upper-case environment", change(r -> r.setEnvironment("Prod")), "environment"),
                Arguments.of("environment too long", change(r -> r.setEnvironment("e".repeat(33))), "environment"),
                Arguments.of("episode id with a slash", change(r -> r.setEpisodeId("a/b")), "episode_id"),
                Arguments.of("episode id too long", change(r -> r.setEpisodeId("e".repeat(65))), "episode_id"),
                Arguments.of("parent id with a space", change(r -> r.setParentEpisodeId("a b")), "parent_episode_id"),
                Arguments.of("empty policy list", change(r -> r.setIntuition(List.of())), "intuition"),
                Arguments.of("21 policies", change(r -> r.setIntuition(names(21))), "intuition"),
                Arguments.of("upper-case policy name", change(r -> r.setIntuition(List.of("Prod"))), "intuition"),
                Arguments.of("intuition as text", change(r -> r.setIntuition("yes")), "intuition"));
    }

    @Test
    void reportsEveryViolationNotJustTheFirst() {
        EpisodeRequest request = request("ep-1", "");
        request.setEnvironment("PROD");

        assertThat(EpisodeRequestRules.validate(request)).extracting(RequestViolation::field)
                .containsExactly("task", "environment");
    }

    @Test
    void recognisesEpisodeIds() {
        assertThat(EpisodeRequestRules.isEpisodeId("9f1c-ab.2:x_y")).isTrue();
        assertThat(EpisodeRequestRules.isEpisodeId("a/b")).isFalse();
        assertThat(EpisodeRequestRules.isEpisodeId("")).isFalse();
        assertThat(EpisodeRequestRules.isEpisodeId(null)).isFalse();
    }

    private static Consumer<EpisodeRequest> change(Consumer<EpisodeRequest> change) {
        return change;
    }

    private static List<String> names(int count) {
        return IntStream.range(0, count).mapToObj(i -> "policy-" + i).toList();
    }

    private static Map<String, String> tags(int count) {
        Map<String, String> tags = new HashMap<>();
        IntStream.range(0, count).forEach(i -> tags.put("tag" + i, "v"));
        return tags;
    }

    private static Map<String, String> nullValueTag() {
        Map<String, String> tags = new HashMap<>();
        tags.put("k", null);
        return tags;
    }
}
