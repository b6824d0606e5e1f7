namespace Trainer.Torch.Optim;

/// <summary>
/// Learning-rate schedules as pure functions of the step s = 0, 1, 2, ... (no optimizer needed): what the
/// <see cref="LrScheduler"/> classes set on the optimizer, and what a trainer can call directly.
/// </summary>
public static class LrSchedule
{
    /// <summary>StepLR: gamma_0 * gamma^floor(s / step_size).</summary>
    public static double Step(long step, double baseLr, long stepSize, double gamma) =>
        baseLr * Math.Pow(gamma, step / stepSize);

    /// <summary>
    /// CosineAnnealingLR's closed form: eta_min + (gamma_0 - eta_min) (1 + cos(pi s / T_max)) / 2 (periodic past T_max,
    /// as PyTorch's).
    /// </summary>
    public static double Cosine(long step, double baseLr, long tMax, double etaMin) =>
        etaMin + ((baseLr - etaMin) * (1 + Math.Cos(Math.PI * step / tMax)) / 2);

    /// <summary>
    /// Linear warmup then cosine decay to <paramref name="minLr"/> (nanoGPT's recipe):
    /// gamma_0 (s + 1) / (W + 1) for s &lt; W; then minLr + (gamma_0 - minLr) (1 + cos(pi (s - W) / (S - W))) / 2 up to
    /// the total S; minLr after S. With W = 0 it is plain cosine decay from gamma_0.
    /// </summary>
    public static double WarmupCosine(long step, double baseLr, long warmupSteps, long totalSteps, double minLr)
    {
        if (step < warmupSteps)
        {
            return baseLr * (step + 1) / (warmupSteps + 1);
        }

        if (step >= totalSteps)
        {
            return minLr;
        }

        double ratio = (double)(step - warmupSteps) / (totalSteps - warmupSteps);
        double coeff = 0.5 * (1.0 + Math.Cos(Math.PI * ratio));
        return minLr + (coeff * (baseLr - minLr));
    }

    /// <summary>
    /// LinearLR's closed form: gamma_0 (f_start + (f_end - f_start) min(s, N) / N), a straight line from
    /// f_start gamma_0 at s = 0 to f_end gamma_0 at s = N, constant after.
    /// </summary>
    public static double Linear(long step, double baseLr, double startFactor, double endFactor, long totalIters) =>
        baseLr * (startFactor + ((endFactor - startFactor) * Math.Min(totalIters, step) / totalIters));

    /// <summary>
    /// Linear warmup (as <see cref="WarmupCosine"/>) then a straight line from gamma_0 at s = W to <paramref name="endLr"/>
    /// at s = S, constant after.
    /// </summary>
    public static double WarmupLinear(long step, double baseLr, long warmupSteps, long totalSteps, double endLr)
    {
        if (step < warmupSteps)
        {
            return baseLr * (step + 1) / (warmupSteps + 1);
        }

        if (step >= totalSteps)
        {
            return endLr;
        }

        double ratio = (double)(step - warmupSteps) / (totalSteps - warmupSteps);
        return baseLr + ((endLr - baseLr) * ratio);
    }
}
