package io.noesis.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;

/**
 * A progress line on standard error, redrawn in place, for long replays and exports. Drawn only where a
 * person watches: when standard error is a terminal, unless --progress or --no-progress says otherwise.
 */
final class ProgressBar {

    /** Set by the noesis script, which can tell (test -t 2) what the JVM cannot. */
    static final String STDERR_TERMINAL_PROPERTY = "noesis.stderr.terminal";

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final boolean shown;
    private long lastDrawn;
    private boolean drawn;
    private int lastLength;
    private String latest;

    ProgressBar(PrintWriter err, boolean shown) {
        this.err = err;
        this.shown = shown;
    }

    /**
     * Whether to draw: as requested, else when standard error is a terminal, but not over data that goes
     * to the same terminal on standard output (System.console() exists only when standard output is one).
     */
    static boolean wanted(Boolean requested, boolean dataOnStandardOutput) {
        if (requested != null) {
            return requested;
        }
        String stderrTerminal = System.getProperty(STDERR_TERMINAL_PROPERTY);
        boolean terminal = stderrTerminal != null ? Boolean.parseBoolean(stderrTerminal) : System.console() != null;
        return terminal && !(dataOnStandardOutput && System.console() != null);
    }

    /** "[#####.....]  50%  what" when the total is known (greater than 0), else just what. */
    void show(long done, long total, String what) {
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, WIDTH * done / total);
            draw(String.format("[%s%s] %3d%%  %s", "#".repeat(filled), ".".repeat(WIDTH - filled),
                    Math.min(100, 100 * done / total), what), false);
        } else {
            draw(what, false);
        }
    }

    /** Draws the latest state, had it been skipped to keep the redraw rate, and ends the line. */
    void finish() {
        if (latest != null) {
            draw(latest, true);
        }
        if (drawn) {
            err.println();
            err.flush();
        }
    }

    /** Counts the bytes and lines written through it and shows them; closing it closes output. */
    OutputStream counting(OutputStream output, String label) {
        return new FilterOutputStream(output) {
            private long bytes;
            private long lines;

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                count(b == '\n' ? 1 : 0, 1);
            }

            @Override
            public void write(byte[] data, int offset, int length) throws IOException {
                out.write(data, offset, length);
                int newLines = 0;
                for (int i = offset; i < offset + length; i++) {
                    newLines += data[i] == '\n' ? 1 : 0;
                }
                count(newLines, length);
            }

            private void count(int newLines, int length) {
                lines += newLines;
                bytes += length;
                draw(String.format("%s: %,d line(s), %,d KiB", label, lines, bytes / 1024), false);
            }

        };
    }

    /** Redraws at most ten times a second, over what was drawn before. */
    private void draw(String line, boolean force) {
        long now = System.nanoTime();
        latest = line;
        if (!shown || (!force && drawn && now - lastDrawn < REDRAW_NANOS)) {
            return;
        }
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        err.flush();
        lastLength = line.length();
        lastDrawn = now;
        drawn = true;
    }
}
