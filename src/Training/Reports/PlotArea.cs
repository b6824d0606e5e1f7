namespace Trainer.Training.Reports;

/// <summary>
/// Layout of one plot in pixels: the whole canvas (<see cref="Width"/> x <see cref="Height"/>) and the margins
/// around the data area, whose corners are (<see cref="X0"/>, <see cref="Y1"/>) top-left and
/// (<see cref="X1"/>, <see cref="Y0"/>) bottom-right (SVG y grows downwards, so a y axis maps onto [Y0, Y1]).
/// </summary>
public sealed record PlotArea(int Width = 640, int Height = 380, int Left = 72, int Right = 24, int Top = 40, int Bottom = 56)
{
    /// <summary>Left edge of the data area.</summary>
    public double X0 => Left;

    /// <summary>Right edge of the data area.</summary>
    public double X1 => Width - Right;

    /// <summary>Bottom edge of the data area (the x axis).</summary>
    public double Y0 => Height - Bottom;

    /// <summary>Top edge of the data area.</summary>
    public double Y1 => Top;

    /// <summary>The same plot with room for a legend column on the right.</summary>
    public PlotArea WithLegend(int legendWidth = 210) => this with { Width = Width + legendWidth, Right = Right + legendWidth };
}
