using System.Buffers.Binary;
using Google.Protobuf;

namespace Trainer.Training.Logging.Proto;

/// <summary>Helpers over <see cref="CodedInputStream"/> for hand-written decoding; unknown fields are skipped.</summary>
internal static class ProtoIn
{
    /// <summary>Calls <paramref name="onField"/>(field number, wire type, stream) for every field of a message.</summary>
    public static void ForEachField(byte[] message, Action<int, WireFormat.WireType, CodedInputStream> onField)
    {
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            onField(WireFormat.GetTagFieldNumber(tag), WireFormat.GetTagWireType(tag), input);
        }
    }

    /// <summary>Reads a repeated double in packed (length-delimited) or unpacked (fixed64) form into <paramref name="into"/>.</summary>
    public static void Doubles(CodedInputStream input, WireFormat.WireType wire, List<double> into)
    {
        if (wire == WireFormat.WireType.Fixed64)
        {
            into.Add(input.ReadDouble());
            return;
        }

        var bytes = input.ReadBytes().Span;
        if (bytes.Length % 8 != 0)
        {
            throw new InvalidDataException($"packed double field of {bytes.Length} bytes is not a multiple of 8");
        }

        for (var i = 0; i < bytes.Length; i += 8)
        {
            into.Add(BinaryPrimitives.ReadDoubleLittleEndian(bytes[i..]));
        }
    }

    /// <summary>Reads a repeated float in packed or unpacked (fixed32) form.</summary>
    public static void Floats(CodedInputStream input, WireFormat.WireType wire, List<float> into)
    {
        if (wire == WireFormat.WireType.Fixed32)
        {
            into.Add(input.ReadFloat());
            return;
        }

        var bytes = input.ReadBytes().Span;
        if (bytes.Length % 4 != 0)
        {
            throw new InvalidDataException($"packed float field of {bytes.Length} bytes is not a multiple of 4");
        }

        for (var i = 0; i < bytes.Length; i += 4)
        {
            into.Add(BinaryPrimitives.ReadSingleLittleEndian(bytes[i..]));
        }
    }
}
