package org.minafoundation.uptime.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.minafoundation.uptime.sim.ProducerProfile;

/** The report's line chart: mean uptime of each profile over time, drawn off-screen to PNG. */
final class UptimeChart {

    private UptimeChart() {
    }

    static byte[] png(ProfileHistory history) throws IOException {
        // No display needed (servers, CI); must be set before AWT starts, and an explicit choice wins.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        XYChart chart = new XYChartBuilder().width(960).height(480).title("Mean uptime per profile")
                .xAxisTitle("batch end (UTC)").yAxisTitle("uptime %").build();
        chart.getStyler().setTimezone(TimeZone.getTimeZone("UTC")).setDatePattern("MM-dd HH:mm")
                .setYAxisMin(0.0).setYAxisMax(100.0).setYAxisDecimalPattern("0");
        chart.getStyler().setLegendPosition(LegendPosition.OutsideE).setChartBackgroundColor(Color.WHITE)
                .setPlotBackgroundColor(Color.WHITE);
        List<Date> x = history.times().stream().map(Date::from).toList();
        history.means().forEach((profile, means) -> chart.addSeries(profile.label(), x, means)
                .setMarker(SeriesMarkers.NONE).setLineColor(color(profile)).setLineStyle(stroke(profile)));
        return BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG);
    }

    /** One clearly different colour per profile (XChart's default palette repeats yellows). */
    private static Color color(ProducerProfile profile) {
        return switch (profile) {
            case SYNCED -> new Color(0x1f77b4);
            case LAGGING -> new Color(0xff7f0e);
            case FORKED -> new Color(0x9467bd);
            case OFFLINE -> new Color(0x2ca02c);
            case MULTI_MACHINE -> new Color(0xd62728);
            case INVALID -> new Color(0x7f7f7f);
        };
    }

    /** Profiles often share a line (several at 100%): wide solid under narrower dashes keeps each visible. */
    private static BasicStroke stroke(ProducerProfile profile) {
        return switch (profile) {
            case SYNCED -> new BasicStroke(6f);
            case FORKED -> dashed(3f, 14f);
            case MULTI_MACHINE -> dashed(2f, 5f);
            default -> new BasicStroke(2f);
        };
    }

    private static BasicStroke dashed(float width, float dash) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {dash, dash}, 0f);
    }
}
