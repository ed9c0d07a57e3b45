package org.minafoundation.uptime.demo;

import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCompletedEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.minafoundation.uptime.model.Batch;
import org.minafoundation.uptime.model.BatchResult;
import org.minafoundation.uptime.model.Carried;

/**
 * Prints one line per committed batch while the demo's logs are quiet. A Camel event
 * notifier rather than a route step, so the pipeline stays exactly the operator's: it reads
 * the batch and its result off every completed pass of the batch loop.
 */
final class DemoProgress extends EventNotifierSupport {

    private static final String BATCH_LOOP = "batch-loop";
    private static final DateTimeFormatter DAY_AND_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final PrintWriter out;
    private final int batches;
    private int done;
    private int lastBotLogId;

    DemoProgress(PrintWriter out, int batches) {
        this.out = out;
        this.batches = batches;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof ExchangeCompletedEvent;
    }

    @Override
    public synchronized void notify(CamelEvent event) {
        Exchange exchange = ((ExchangeCompletedEvent) event).getExchange();
        Batch batch = exchange.getProperty(Carried.BATCH, Batch.class);
        BatchResult result = exchange.getProperty(Carried.RESULT, BatchResult.class);
        // Passes that planned nothing or failed carry no result; copies made inside the
        // pipeline (split, alert queues) could carry one again, hence the id check.
        if (!BATCH_LOOP.equals(exchange.getFromRouteId()) || batch == null || result == null
                || result.botLogId() <= lastBotLogId) {
            return;
        }
        lastBotLogId = result.botLogId();
        done++;
        out.printf(Locale.ROOT, "batch %d/%d [%s, %s) %d producers scored%n", done, batches,
                DAY_AND_TIME.format(batch.start()), TIME.format(batch.end()), result.producersScored());
        out.flush();
    }
}
