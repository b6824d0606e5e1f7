using Google.Protobuf;

namespace Trainer.Training.Logging.Proto;

/// <summary>
/// Small helpers over <see cref="CodedOutputStream"/> for hand-written proto3 encoding: messages are built
/// bottom-up into byte arrays, and scalar fields equal to their default are left out as proto3 does.
/// </summary>
internal static class ProtoOut
{
    /// <summary>Runs <paramref name="write"/> against a fresh stream and returns the bytes.</summary>
    public static byte[] Build(Action<CodedOutputStream> write)
    {
        using var memory = new MemoryStream();
        using (var output = new CodedOutputStream(memory, leaveOpen: true))
        {
            write(output);
            output.Flush();
        }

        return memory.ToArray();
    }

    public static void Double(CodedOutputStream o, int field, double value, bool always = false)
    {
        if (always || BitConverter.DoubleToInt64Bits(value) != 0)
        {
            o.WriteTag(field, WireFormat.WireType.Fixed64);
            o.WriteDouble(value);
        }
    }

    public static void Float(CodedOutputStream o, int field, float value, bool always = false)
    {
        if (always || BitConverter.SingleToInt32Bits(value) != 0)
        {
            o.WriteTag(field, WireFormat.WireType.Fixed32);
            o.WriteFloat(value);
        }
    }

    public static void Int64(CodedOutputStream o, int field, long value)
    {
        if (value != 0)
        {
            o.WriteTag(field, WireFormat.WireType.Varint);
            o.WriteInt64(value);
        }
    }

    public static void Int32(CodedOutputStream o, int field, int value)
    {
        if (value != 0)
        {
            o.WriteTag(field, WireFormat.WireType.Varint);
            o.WriteInt32(value);
        }
    }

    public static void Bool(CodedOutputStream o, int field, bool value, bool always = false)
    {
        if (always || value)
        {
            o.WriteTag(field, WireFormat.WireType.Varint);
            o.WriteBool(value);
        }
    }

    public static void String(CodedOutputStream o, int field, string value, bool always = false)
    {
        if (always || value.Length > 0)
        {
            o.WriteTag(field, WireFormat.WireType.LengthDelimited);
            o.WriteString(value);
        }
    }

    /// <summary>Writes a length-delimited field (bytes or an embedded message); always written when called.</summary>
    public static void Bytes(CodedOutputStream o, int field, ReadOnlyMemory<byte> value)
    {
        o.WriteTag(field, WireFormat.WireType.LengthDelimited);
        o.WriteBytes(UnsafeByteOperations.UnsafeWrap(value));
    }

    /// <summary>Writes bytes only when non-empty (proto3 default for a bytes field).</summary>
    public static void BytesIfAny(CodedOutputStream o, int field, ReadOnlyMemory<byte> value)
    {
        if (value.Length > 0)
        {
            Bytes(o, field, value);
        }
    }

    /// <summary>Packed repeated double: one length-delimited field holding 8 bytes per value.</summary>
    public static void PackedDoubles(CodedOutputStream o, int field, ReadOnlySpan<double> values)
    {
        if (values.Length == 0)
        {
            return;
        }

        o.WriteTag(field, WireFormat.WireType.LengthDelimited);
        o.WriteLength(values.Length * sizeof(double));
        foreach (var v in values)
        {
            o.WriteDouble(v);
        }
    }

    /// <summary>Packed repeated float: one length-delimited field holding 4 bytes per value.</summary>
    public static void PackedFloats(CodedOutputStream o, int field, ReadOnlySpan<float> values)
    {
        if (values.Length == 0)
        {
            return;
        }

        o.WriteTag(field, WireFormat.WireType.LengthDelimited);
        o.WriteLength(values.Length * sizeof(float));
        foreach (var v in values)
        {
            o.WriteFloat(v);
        }
    }
}
