using Google.Protobuf;
using Trainer.Training.Logging.Proto;

namespace Trainer.Training.Logging.HParams;

/// <summary>Decodes HParamsPluginData bytes; field numbers as in <see cref="HParamsPlugin"/>.</summary>
internal static class HParamsDecoder
{
    public static HParamsContent Decode(byte[] content)
    {
        var result = new HParamsContent(HParamsContentKind.Unknown);
        ProtoIn.ForEachField(content, (field, wire, input) =>
        {
            if (wire != WireFormat.WireType.LengthDelimited)
            {
                input.SkipLastField();
                return;
            }

            var bytes = input.ReadBytes().ToByteArray();
            result = field switch
            {
                2 => Experiment(bytes),
                3 => SessionStart(bytes),
                4 => SessionEnd(bytes),
                _ => result,
            };
        });
        return result;
    }

    private static HParamsContent Experiment(byte[] bytes)
    {
        var infos = new List<HParamInfo>();
        var metrics = new List<string>();
        double time = 0;
        ProtoIn.ForEachField(bytes, (field, wire, input) =>
        {
            switch (field)
            {
                case 3 when wire == WireFormat.WireType.Fixed64: time = input.ReadDouble(); break;
                case 4 when wire == WireFormat.WireType.LengthDelimited: infos.Add(Info(input.ReadBytes().ToByteArray())); break;
                case 5 when wire == WireFormat.WireType.LengthDelimited: metrics.Add(MetricTag(input.ReadBytes().ToByteArray())); break;
                default: input.SkipLastField(); break;
            }
        });
        return new HParamsContent(HParamsContentKind.Experiment) { HParamInfos = infos, MetricTags = metrics, Time = time };
    }

    private static HParamInfo Info(byte[] bytes)
    {
        var name = "";
        var type = 0;
        var domain = new List<HParamValue>();
        ProtoIn.ForEachField(bytes, (field, wire, input) =>
        {
            switch (field)
            {
                case 1 when wire == WireFormat.WireType.LengthDelimited: name = input.ReadString(); break;
                case 4 when wire == WireFormat.WireType.Varint: type = input.ReadEnum(); break;
                case 5 when wire == WireFormat.WireType.LengthDelimited:
                    ProtoIn.ForEachField(input.ReadBytes().ToByteArray(), (f, w, list) =>
                    {
                        if (f == 1 && w == WireFormat.WireType.LengthDelimited)
                        {
                            domain.Add(Value(list.ReadBytes().ToByteArray()));
                        }
                        else
                        {
                            list.SkipLastField();
                        }
                    });
                    break;
                default: input.SkipLastField(); break;
            }
        });
        return new HParamInfo(name, type, domain);
    }

    private static string MetricTag(byte[] metricInfo)
    {
        var tag = "";
        ProtoIn.ForEachField(metricInfo, (field, wire, input) =>
        {
            if (field == 1 && wire == WireFormat.WireType.LengthDelimited)
            {
                ProtoIn.ForEachField(input.ReadBytes().ToByteArray(), (f, w, name) =>
                {
                    if (f == 2 && w == WireFormat.WireType.LengthDelimited)
                    {
                        tag = name.ReadString();
                    }
                    else
                    {
                        name.SkipLastField();
                    }
                });
            }
            else
            {
                input.SkipLastField();
            }
        });
        return tag;
    }

    private static HParamsContent SessionStart(byte[] bytes)
    {
        var hparams = new Dictionary<string, HParamValue>();
        double time = 0;
        ProtoIn.ForEachField(bytes, (field, wire, input) =>
        {
            switch (field)
            {
                case 1 when wire == WireFormat.WireType.LengthDelimited:
                    var key = "";
                    var value = HParamValue.FromString("");
                    ProtoIn.ForEachField(input.ReadBytes().ToByteArray(), (f, w, entry) =>
                    {
                        switch (f)
                        {
                            case 1 when w == WireFormat.WireType.LengthDelimited: key = entry.ReadString(); break;
                            case 2 when w == WireFormat.WireType.LengthDelimited: value = Value(entry.ReadBytes().ToByteArray()); break;
                            default: entry.SkipLastField(); break;
                        }
                    });
                    hparams[key] = value;
                    break;
                case 5 when wire == WireFormat.WireType.Fixed64: time = input.ReadDouble(); break;
                default: input.SkipLastField(); break;
            }
        });
        return new HParamsContent(HParamsContentKind.SessionStartInfo) { HParams = hparams, Time = time };
    }

    private static HParamsContent SessionEnd(byte[] bytes)
    {
        var status = 0;
        double time = 0;
        ProtoIn.ForEachField(bytes, (field, wire, input) =>
        {
            switch (field)
            {
                case 1 when wire == WireFormat.WireType.Varint: status = input.ReadEnum(); break;
                case 2 when wire == WireFormat.WireType.Fixed64: time = input.ReadDouble(); break;
                default: input.SkipLastField(); break;
            }
        });
        return new HParamsContent(HParamsContentKind.SessionEndInfo) { Status = status, Time = time };
    }

    private static HParamValue Value(byte[] bytes)
    {
        var value = HParamValue.FromString("");
        ProtoIn.ForEachField(bytes, (field, wire, input) =>
        {
            value = (field, wire) switch
            {
                (2, WireFormat.WireType.Fixed64) => HParamValue.FromNumber(input.ReadDouble()),
                (3, WireFormat.WireType.LengthDelimited) => HParamValue.FromString(input.ReadString()),
                (4, WireFormat.WireType.Varint) => HParamValue.FromBool(input.ReadBool()),
                _ => SkipKeep(input, value),
            };
        });
        return value;
    }

    private static HParamValue SkipKeep(CodedInputStream input, HParamValue value)
    {
        input.SkipLastField();
        return value;
    }
}
