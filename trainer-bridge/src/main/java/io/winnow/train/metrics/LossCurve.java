package io.winnow.train.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The loss curve of a run as a PNG: training loss per step (and its running mean) and validation loss. */
public final class LossCurve {
    private LossCurve() {}

    /** Draws {@code metrics.jsonl} into {@code png} (written to a temp file, then renamed). */
    public static void write(Path metrics, Path png, String title) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Double> steps = new ArrayList<>(), loss = new ArrayList<>(), vSteps = new ArrayList<>(), vLoss = new ArrayList<>();
        for (JsonNode n : MetricsLog.read(metrics)) {
            if (n.has("loss")) {
                steps.add(n.get("step").asDouble());
                loss.add(n.get("loss").asDouble());
            }
            if (n.has("val_loss")) {
                vSteps.add(n.get("step").asDouble());
                vLoss.add(n.get("val_loss").asDouble());
            }
        }
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("step").yAxisTitle("cross-entropy (nats)").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(0xE5E7EB));
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        if (!steps.isEmpty()) {
            XYSeries s = chart.addSeries("train loss", steps, loss);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(new Color(0x93C5FD));
            XYSeries avg = chart.addSeries("train loss (running mean of 20)", steps, runningMean(loss, 20));
            avg.setMarker(SeriesMarkers.NONE);
            avg.setLineColor(new Color(0x1D4ED8));
        }
        if (!vSteps.isEmpty()) {
            XYSeries v = chart.addSeries("validation loss", vSteps, vLoss);
            v.setMarker(SeriesMarkers.CIRCLE);
            v.setLineColor(new Color(0xDC2626));
            v.setMarkerColor(new Color(0xDC2626));
        }
        if (steps.isEmpty() && vSteps.isEmpty()) throw new IOException(metrics + ": no loss values to draw");
        Path tmp = png.resolveSibling(png.getFileName() + ".tmp.png");
        BitmapEncoder.saveBitmap(chart, tmp.toString(), BitmapEncoder.BitmapFormat.PNG);
        Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static List<Double> runningMean(List<Double> xs, int window) {
        List<Double> out = new ArrayList<>();
        double sum = 0;
        for (int i = 0; i < xs.size(); i++) {
            sum += xs.get(i);
            if (i >= window) sum -= xs.get(i - window);
            out.add(sum / Math.min(i + 1, window));
        }
        return out;
    }
}
