package io.winnow.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/** Charts drawn with XChart and embedded as PNG data URIs, so the report needs no network to view. */
final class Charts {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    static CategoryChart bars(String title, String xTitle, String yTitle, List<String> categories, Map<String, List<? extends Number>> series) {
        CategoryChart c = new CategoryChartBuilder().width(900).height(420).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(c.getStyler());
        c.getStyler().setXAxisLabelRotation(30);
        c.getStyler().setOverlapped(series.size() > 1 && title.startsWith("Funnel"));
        series.forEach((name, values) -> c.addSeries(name, categories, values));
        return c;
    }

    static XYChart lines(String title, String xTitle, String yTitle) {
        XYChart c = new XYChartBuilder().width(900).height(380).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(c.getStyler());
        c.getStyler().setMarkerSize(4);
        return c;
    }

    private static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setSeriesColors(new Color[] {new Color(0x2563EB), new Color(0xF97316), new Color(0x16A34A),
                new Color(0xDC2626), new Color(0x9333EA), new Color(0x0891B2), new Color(0x65A30D)});
    }

    /** The chart as PNG bytes. */
    static byte[] png(Chart<?, ?> chart) throws IOException {
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    static String dataUri(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }
}
