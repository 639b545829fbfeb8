package io.noesis.approval.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.asElements;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import io.noesis.approval.domain.PendingApproval;
import io.noesis.approval.domain.RoundEnd;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The Block Kit messages of approval rounds, posted and updated through Slack's Web API. */
@ApplicationScoped
public class SlackMessages {

    static final String APPROVE = "approve";
    static final String REJECT = "reject";
    /** Slack's limit for a header block's text. */
    private static final int HEADER_LIMIT = 150;

    private final SlackSettings settings;
    private final MethodsClient methods;

    SlackMessages(SlackSettings settings) {
        this.settings = settings;
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.apiUrl());
        this.methods = Slack.getInstance(config).methods(settings.botToken().orElse(""));
    }

    /** Posts the round with Approve and Reject buttons whose value is the episode id; says where the message is. */
    public SlackPost announce(PendingApproval round) throws IOException, SlackApiException {
        String headline = truncate("Approval needed: " + round.task());
        List<LayoutBlock> blocks = new ArrayList<>(describe(round, headline));
        blocks.add(actions(a -> a.blockId("decision").elements(asElements(
                button(b -> b.actionId(APPROVE).style("primary").text(plainText("Approve")).value(round.episodeId())),
                button(b -> b.actionId(REJECT).style("danger").text(plainText("Reject")).value(round.episodeId()))))));
        ChatPostMessageResponse posted = check(methods.chatPostMessage(
                request -> request.channel(settings.channel()).text(headline).blocks(blocks)));
        return new SlackPost(posted.getChannel(), posted.getTs(), round);
    }

    /** Rewrites a posted message with how its round ended, in place of the buttons. */
    public void settle(SlackPost post, RoundEnd end) throws IOException, SlackApiException {
        List<LayoutBlock> blocks = new ArrayList<>(
                describe(post.round(), truncate(end.kind().label() + ": " + post.round().task())));
        blocks.add(divider());
        blocks.add(section(s -> s.blockId("outcome").text(markdownText("*" + end.summary() + "*"))));
        check(methods.chatUpdate(request -> request.channel(post.channel()).ts(post.ts()).text(end.summary())
                .blocks(blocks)));
    }

    private static List<LayoutBlock> describe(PendingApproval round, String headline) {
        String reasons = round.reasons().isEmpty() ? "none given" : "• " + String.join("\n• ", round.reasons());
        String deadline = round.deadline() == null ? "never expires" : round.deadline().toString();
        return List.of(
                header(h -> h.text(plainText(headline))),
                section(s -> s.fields(List.<TextObject>of(
                        markdownText("*Episode*\n" + round.episodeId()),
                        markdownText("*Requested by*\n" + round.requestedBy()),
                        markdownText("*Approvals needed*\n" + round.requiredApprovals()),
                        markdownText("*Deadline*\n" + deadline)))),
                section(s -> s.text(markdownText("*Task*\n" + round.task()))),
                section(s -> s.text(markdownText("*Reasons*\n" + reasons))));
    }

    private static String truncate(String text) {
        return text.length() <= HEADER_LIMIT ? text : text.substring(0, HEADER_LIMIT - 1) + "…";
    }

    private static <R extends SlackApiTextResponse> R check(R response) {
        if (!response.isOk()) {
            throw new IllegalStateException("Slack refused the message: " + response.getError());
        }
        return response;
    }
}
