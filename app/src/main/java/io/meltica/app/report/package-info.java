/**
 * Renders a {@link io.meltica.simulation.SimulationReport}. {@link SummaryTable} is the plain-text
 * table printed at the end of a run, {@link JsonReportWriter} writes the JSON document of
 * docs/report.md, and {@link HtmlReportWriter} writes one self-contained HTML page. The page's
 * charts come from {@link ReportCharts}; each is an {@link SvgChart} with two {@link Axis} values.
 *
 * <h2>Threading</h2>
 *
 * No concurrency of its own. {@link JsonReportWriter} and {@link HtmlReportWriter} are immutable
 * and safe to share between threads. {@link SummaryTable} and {@link ReportCharts} keep no state.
 * An {@link SvgChart} is a mutable builder with no synchronisation: one caller fills and renders
 * it. {@link Axis} is a record.
 */
package io.meltica.app.report;
