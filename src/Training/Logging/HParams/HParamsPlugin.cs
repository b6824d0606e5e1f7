using Google.Protobuf;
using Trainer.Training.Logging.Model;
using Trainer.Training.Logging.Proto;

namespace Trainer.Training.Logging.HParams;

/// <summary>
/// The hparams plugin's summaries, as PyTorch's <c>hparams()</c> writes them: three values without a payload,
/// whose metadata (plugin "hparams") carries a serialized <c>HParamsPluginData</c>{version=1 (0), experiment=2 |
/// session_start_info=3 | session_end_info=4}:
/// <list type="bullet">
/// <item><c>_hparams_/experiment</c>: Experiment{time_created_secs=3, hparam_infos=4 {name=1, type=4, domain_discrete=5},
/// metric_infos=5 {name=1 {group=1, tag=2}}}</item>
/// <item><c>_hparams_/session_start_info</c>: SessionStartInfo{hparams=1 map&lt;string, google.protobuf.Value&gt;, start_time_secs=5}</item>
/// <item><c>_hparams_/session_end_info</c>: SessionEndInfo{status=1 (1 = success), end_time_secs=2}</item>
/// </list>
/// google.protobuf.Value: number_value=2, string_value=3, bool_value=4, list_value=6 (ListValue{values=1}).
/// </summary>
public static class HParamsPlugin
{
    /// <summary>Plugin name in SummaryMetadata.plugin_data.</summary>
    public const string PluginName = "hparams";

    /// <summary>Tag of the experiment summary.</summary>
    public const string ExperimentTag = "_hparams_/experiment";

    /// <summary>Tag of the session start summary.</summary>
    public const string SessionStartInfoTag = "_hparams_/session_start_info";

    /// <summary>Tag of the session end summary.</summary>
    public const string SessionEndInfoTag = "_hparams_/session_end_info";

    /// <summary>Status STATUS_SUCCESS.</summary>
    public const int StatusSuccess = 1;

    /// <summary>The experiment value: one HParamInfo per hparam (with an optional discrete domain) and one MetricInfo per metric tag.</summary>
    public static SummaryValue Experiment(
        IReadOnlyDictionary<string, HParamValue> hparams,
        IEnumerable<string> metricTags,
        IReadOnlyDictionary<string, HParamValue[]>? domainDiscrete,
        double timeCreated)
    {
        var experiment = ProtoOut.Build(o =>
        {
            ProtoOut.Double(o, 3, timeCreated);
            foreach (var (name, value) in hparams)
            {
                ProtoOut.Bytes(o, 4, HParamInfo(name, value.Kind, domainDiscrete?.GetValueOrDefault(name)));
            }

            foreach (var tag in metricTags)
            {
                var metricName = ProtoOut.Build(m => ProtoOut.String(m, 2, tag));
                ProtoOut.Bytes(o, 5, ProtoOut.Build(m => ProtoOut.Bytes(m, 1, metricName)));
            }
        });
        return Value(ExperimentTag, 2, experiment);
    }

    /// <summary>The session start value holding the hparam values.</summary>
    public static SummaryValue SessionStartInfo(IReadOnlyDictionary<string, HParamValue> hparams, double startTime)
    {
        var info = ProtoOut.Build(o =>
        {
            foreach (var (name, value) in hparams)
            {
                var entry = ProtoOut.Build(e =>
                {
                    ProtoOut.String(e, 1, name, always: true);
                    ProtoOut.Bytes(e, 2, EncodeValue(value));
                });
                ProtoOut.Bytes(o, 1, entry);
            }

            ProtoOut.Double(o, 5, startTime);
        });
        return Value(SessionStartInfoTag, 3, info);
    }

    /// <summary>The session end value (status success).</summary>
    public static SummaryValue SessionEndInfo(double endTime, int status = StatusSuccess)
    {
        var info = ProtoOut.Build(o =>
        {
            ProtoOut.Int32(o, 1, status);
            ProtoOut.Double(o, 2, endTime);
        });
        return Value(SessionEndInfoTag, 4, info);
    }

    /// <summary>google.protobuf.Value for a number, string or bool (oneof: written even when zero or empty).</summary>
    public static byte[] EncodeValue(HParamValue value) => ProtoOut.Build(o =>
    {
        switch (value.Kind)
        {
            case HParamKind.Number: ProtoOut.Double(o, 2, value.Number, always: true); break;
            case HParamKind.String: ProtoOut.String(o, 3, value.Text ?? "", always: true); break;
            default: ProtoOut.Bool(o, 4, value.Flag, always: true); break;
        }
    });

    /// <summary>Decodes the plugin content of an hparams value (see <see cref="HParamsContent"/>).</summary>
    public static HParamsContent Decode(byte[] content) => HParamsDecoder.Decode(content);

    /// <summary>hparams api.proto DataType for a kind: FLOAT64 3, STRING 1, BOOL 2.</summary>
    public static int DataType(HParamKind kind) => kind switch
    {
        HParamKind.Number => 3,
        HParamKind.String => 1,
        _ => 2,
    };

    private static byte[] HParamInfo(string name, HParamKind kind, HParamValue[]? domain) => ProtoOut.Build(o =>
    {
        ProtoOut.String(o, 1, name);
        ProtoOut.Int32(o, 4, DataType(kind));
        if (domain is not null)
        {
            var list = ProtoOut.Build(l =>
            {
                foreach (var v in domain)
                {
                    ProtoOut.Bytes(l, 1, EncodeValue(v));
                }
            });
            ProtoOut.Bytes(o, 5, list);
        }
    });

    private static SummaryValue Value(string tag, int dataField, byte[] data)
    {
        var pluginData = ProtoOut.Build(o => ProtoOut.Bytes(o, dataField, data));
        return new SummaryValue(tag) { Metadata = new SummaryMetadata(PluginName, pluginData) };
    }
}
