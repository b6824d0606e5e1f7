namespace Trainer.Training.Logging.HParams;

/// <summary>Which HParamsPluginData member a value carries.</summary>
public enum HParamsContentKind
{
    /// <summary>None of the known members.</summary>
    Unknown,

    /// <summary>experiment (2).</summary>
    Experiment,

    /// <summary>session_start_info (3).</summary>
    SessionStartInfo,

    /// <summary>session_end_info (4).</summary>
    SessionEndInfo,
}

/// <summary>One hyperparameter declared in an Experiment: name, type and discrete domain (empty when none).</summary>
public sealed record HParamInfo(string Name, int DataType, IReadOnlyList<HParamValue> DomainDiscrete);

/// <summary>Decoded hparams plugin content (the fields this project writes).</summary>
public sealed record HParamsContent(HParamsContentKind Kind)
{
    /// <summary>Experiment: declared hyperparameters.</summary>
    public IReadOnlyList<HParamInfo> HParamInfos { get; init; } = [];

    /// <summary>Experiment: metric tags.</summary>
    public IReadOnlyList<string> MetricTags { get; init; } = [];

    /// <summary>SessionStartInfo: hyperparameter values.</summary>
    public IReadOnlyDictionary<string, HParamValue> HParams { get; init; } = new Dictionary<string, HParamValue>();

    /// <summary>SessionEndInfo: status (1 success).</summary>
    public int Status { get; init; }

    /// <summary>Experiment time_created_secs, session start_time_secs or end_time_secs.</summary>
    public double Time { get; init; }
}
