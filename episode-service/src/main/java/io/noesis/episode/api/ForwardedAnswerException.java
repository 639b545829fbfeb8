package io.noesis.episode.api;

/** The owning instance answered with an error: it is passed on to the caller as it came. */
public class ForwardedAnswerException extends RuntimeException {

    private final int status;
    private final String contentType;
    private final byte[] body;
    private final String retryAfter;

    ForwardedAnswerException(int status, String contentType, byte[] body, String retryAfter) {
        super("the owning instance answered " + status);
        this.status = status;
        this.contentType = contentType;
        this.body = body.clone();
        this.retryAfter = retryAfter;
    }

    int status() {
        return status;
    }

    String contentType() {
        return contentType;
    }

    byte[] body() {
        return body.clone();
    }

    String retryAfter() {
        return retryAfter;
    }
}
