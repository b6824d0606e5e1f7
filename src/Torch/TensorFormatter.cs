using System.Globalization;
using System.Text;

namespace Trainer.Torch;

/// <summary>
/// PyTorch-style text for tensors: <c>tensor([[1.0000, 2.5000], [3.0000, 4.0000]], shape=[2, 2], dtype=torch.float32)</c>.
/// Large tensors are summarised with "..." (3 edge items per dimension beyond 1000 elements), as PyTorch does.
/// </summary>
internal static class TensorFormatter
{
    private const int Threshold = 1000;
    private const int EdgeItems = 3;

    public static string Format(Tensor t)
    {
        long[] shape = t.shape;
        ScalarType dtype = t.dtype;
        string body;
        if (t.is_sparse)
        {
            body = "<sparse>";
        }
        else
        {
            using Tensor host = t.detach().to(dtype == ScalarType.Bool || dtype.IsIntegral() ? ScalarType.Float64 : ScalarType.Float64, Device.CPU);
            double[] values = host.data<double>();
            bool summarize = values.Length > Threshold;
            Func<double, string> fmt = ChooseFormat(values, dtype);
            var sb = new StringBuilder();
            Append(sb, values, shape, 0, 0, summarize, fmt, indent: 7);
            body = sb.ToString();
        }

        string grad = t.requires_grad ? ", requires_grad=True" : "";
        string dev = t.device.Type == DeviceType.CPU ? "" : $", device='{t.device}'";
        return $"tensor({body}, shape=[{string.Join(", ", shape)}], dtype={dtype.TorchName()}{dev}{grad})";
    }

    private static Func<double, string> ChooseFormat(double[] values, ScalarType dtype)
    {
        var inv = CultureInfo.InvariantCulture;
        if (dtype == ScalarType.Bool)
        {
            return v => v != 0 ? "True" : "False";
        }

        if (dtype.IsIntegral())
        {
            return v => ((long)v).ToString(inv);
        }

        var finite = values.Where(double.IsFinite).Select(Math.Abs).ToArray();
        bool allInts = finite.All(v => v == Math.Floor(v));
        double max = finite.Length > 0 ? finite.Max() : 0;
        double minNonZero = finite.Where(v => v > 0).DefaultIfEmpty(0).Min();
        bool sci = max >= 1e8 || (minNonZero > 0 && minNonZero < 1e-4) || (minNonZero > 0 && max / minNonZero > 1000 && !allInts);
        if (allInts && max < 1e8)
        {
            return v => double.IsFinite(v) ? v.ToString("0", inv) + "." : Special(v);
        }

        return sci
            ? v => double.IsFinite(v) ? v.ToString("0.0000e+00", inv) : Special(v)
            : v => double.IsFinite(v) ? v.ToString("0.0000", inv) : Special(v);
    }

    private static string Special(double v) => double.IsNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";

    private static void Append(StringBuilder sb, double[] values, long[] shape, int dim, long offset, bool summarize,
        Func<double, string> fmt, int indent)
    {
        if (shape.Length == 0)
        {
            sb.Append(fmt(values[0]));
            return;
        }

        long n = shape[dim];
        long stride = 1;
        for (int d = dim + 1; d < shape.Length; d++)
        {
            stride *= shape[d];
        }

        sb.Append('[');
        bool last = dim == shape.Length - 1;
        string sep = last ? ", " : "," + new string('\n', shape.Length - dim - 1) + new string(' ', indent + dim + 1);
        bool cut = summarize && n > 2 * EdgeItems;
        for (long i = 0; i < n; i++)
        {
            if (cut && i == EdgeItems)
            {
                sb.Append("...").Append(sep);
                i = n - EdgeItems;
            }

            if (last)
            {
                sb.Append(fmt(values[offset + i]));
            }
            else
            {
                Append(sb, values, shape, dim + 1, offset + i * stride, summarize, fmt, indent);
            }

            if (i < n - 1)
            {
                sb.Append(sep);
            }
        }

        sb.Append(']');
    }
}
