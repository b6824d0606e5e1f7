namespace Trainer.Training.Reports;

/// <summary>
/// The words on a plot: <see cref="Name"/> (the <c>data-plot</c> id of its &lt;svg&gt;, e.g. "spectral-energy"),
/// its title, and the axis labels with their units, e.g. "training step" and "cross-entropy (nats, log scale)".
/// </summary>
public sealed record PlotLabels(string Name, string Title, string XLabel, string YLabel);
