using Trainer.Training.Probes;

namespace Trainer.Training.Reports;

/// <summary>One run as the report sees it: a display name, its probe results and its training curves.</summary>
public sealed record ReportRun(string Name, ProbeResults Probes, TrainingCurves Curves);
