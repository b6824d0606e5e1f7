using Trainer.Torch.Interop;

namespace Trainer.Torch;

// Element-wise math and products. Generated once from the op tables in Interop/OpCodes.cs, then maintained by hand.
public partial class Tensor
{
    private Tensor Unary(UnaryOp op) => From(NativeMethods.tt_unary((int)op, Handle));

    private Tensor Unary_(UnaryOp op)
    {
        Native.Check(NativeMethods.tt_unary_((int)op, Handle));
        return this;
    }

    private Tensor Binary(BinaryOp op, Tensor other) => From(NativeMethods.tt_binary((int)op, Handle, other.Handle));

    private Tensor Binary_(BinaryOp op, Tensor other)
    {
        Native.Check(NativeMethods.tt_binary_((int)op, Handle, other.Handle));
        return this;
    }

    private Tensor Scalar(BinaryOp op, double s) => From(NativeMethods.tt_binary_scalar((int)op, Handle, s, 0));

    private Tensor Scalar(BinaryOp op, long s) => From(NativeMethods.tt_binary_scalar((int)op, Handle, s, 1));

    private Tensor Scalar_(BinaryOp op, double s, int isInt)
    {
        Native.Check(NativeMethods.tt_binary_scalar_((int)op, Handle, s, isInt));
        return this;
    }

    public Tensor neg() => Unary(UnaryOp.Neg);

    public Tensor abs() => Unary(UnaryOp.Abs);

    public Tensor sign() => Unary(UnaryOp.Sign);

    public Tensor sqrt() => Unary(UnaryOp.Sqrt);

    public Tensor rsqrt() => Unary(UnaryOp.Rsqrt);

    public Tensor exp() => Unary(UnaryOp.Exp);

    public Tensor log() => Unary(UnaryOp.Log);

    public Tensor log1p() => Unary(UnaryOp.Log1p);

    public Tensor expm1() => Unary(UnaryOp.Expm1);

    public Tensor relu() => Unary(UnaryOp.Relu);

    public Tensor silu() => Unary(UnaryOp.Silu);

    public Tensor tanh() => Unary(UnaryOp.Tanh);

    public Tensor sigmoid() => Unary(UnaryOp.Sigmoid);

    public Tensor logsigmoid() => Unary(UnaryOp.LogSigmoid);

    public Tensor softplus() => Unary(UnaryOp.Softplus);

    public Tensor isnan() => Unary(UnaryOp.IsNan);

    public Tensor isfinite() => Unary(UnaryOp.IsFinite);

    public Tensor isinf() => Unary(UnaryOp.IsInf);

    public Tensor logical_not() => Unary(UnaryOp.LogicalNot);

    public Tensor sin() => Unary(UnaryOp.Sin);

    public Tensor cos() => Unary(UnaryOp.Cos);

    public Tensor floor() => Unary(UnaryOp.Floor);

    public Tensor ceil() => Unary(UnaryOp.Ceil);

    public Tensor round() => Unary(UnaryOp.Round);

    public Tensor reciprocal() => Unary(UnaryOp.Reciprocal);

    public Tensor square() => Unary(UnaryOp.Square);

    public Tensor erf() => Unary(UnaryOp.Erf);

    public Tensor log2() => Unary(UnaryOp.Log2);

    public Tensor trunc() => Unary(UnaryOp.Trunc);

    public Tensor nan_to_num() => Unary(UnaryOp.NanToNum);

    public Tensor acos() => Unary(UnaryOp.Acos);

    public Tensor bitwise_not() => Unary(UnaryOp.BitwiseNot);

    public Tensor neg_() => Unary_(UnaryOp.Neg);

    public Tensor abs_() => Unary_(UnaryOp.Abs);

    public Tensor sqrt_() => Unary_(UnaryOp.Sqrt);

    public Tensor rsqrt_() => Unary_(UnaryOp.Rsqrt);

    public Tensor exp_() => Unary_(UnaryOp.Exp);

    public Tensor log_() => Unary_(UnaryOp.Log);

    public Tensor relu_() => Unary_(UnaryOp.Relu);

    public Tensor tanh_() => Unary_(UnaryOp.Tanh);

    public Tensor sigmoid_() => Unary_(UnaryOp.Sigmoid);

    public Tensor reciprocal_() => Unary_(UnaryOp.Reciprocal);

    public Tensor square_() => Unary_(UnaryOp.Square);

    public Tensor floor_() => Unary_(UnaryOp.Floor);

    public Tensor nan_to_num_() => Unary_(UnaryOp.NanToNum);

    public Tensor zero_() => Unary_(UnaryOp.Zero);

    /// <summary>GELU; approximate "tanh" uses the tanh formula, "none" the exact erf form.</summary>
    public Tensor gelu(string approximate = "none") => Unary(approximate == "tanh" ? UnaryOp.GeluTanh : UnaryOp.Gelu);

    public Tensor add(Tensor other) => Binary(BinaryOp.Add, other);

    public Tensor add(double other) => Scalar(BinaryOp.Add, other);

    public Tensor add(long other) => Scalar(BinaryOp.Add, other);

    public Tensor sub(Tensor other) => Binary(BinaryOp.Sub, other);

    public Tensor sub(double other) => Scalar(BinaryOp.Sub, other);

    public Tensor sub(long other) => Scalar(BinaryOp.Sub, other);

    public Tensor mul(Tensor other) => Binary(BinaryOp.Mul, other);

    public Tensor mul(double other) => Scalar(BinaryOp.Mul, other);

    public Tensor mul(long other) => Scalar(BinaryOp.Mul, other);

    public Tensor div(Tensor other) => Binary(BinaryOp.Div, other);

    public Tensor div(double other) => Scalar(BinaryOp.Div, other);

    public Tensor div(long other) => Scalar(BinaryOp.Div, other);

    public Tensor pow(Tensor other) => Binary(BinaryOp.Pow, other);

    public Tensor pow(double other) => Scalar(BinaryOp.Pow, other);

    public Tensor pow(long other) => Scalar(BinaryOp.Pow, other);

    public Tensor maximum(Tensor other) => Binary(BinaryOp.Maximum, other);

    public Tensor minimum(Tensor other) => Binary(BinaryOp.Minimum, other);

    public Tensor eq(Tensor other) => Binary(BinaryOp.Eq, other);

    public Tensor eq(double other) => Scalar(BinaryOp.Eq, other);

    public Tensor eq(long other) => Scalar(BinaryOp.Eq, other);

    public Tensor ne(Tensor other) => Binary(BinaryOp.Ne, other);

    public Tensor ne(double other) => Scalar(BinaryOp.Ne, other);

    public Tensor ne(long other) => Scalar(BinaryOp.Ne, other);

    public Tensor lt(Tensor other) => Binary(BinaryOp.Lt, other);

    public Tensor lt(double other) => Scalar(BinaryOp.Lt, other);

    public Tensor lt(long other) => Scalar(BinaryOp.Lt, other);

    public Tensor le(Tensor other) => Binary(BinaryOp.Le, other);

    public Tensor le(double other) => Scalar(BinaryOp.Le, other);

    public Tensor le(long other) => Scalar(BinaryOp.Le, other);

    public Tensor gt(Tensor other) => Binary(BinaryOp.Gt, other);

    public Tensor gt(double other) => Scalar(BinaryOp.Gt, other);

    public Tensor gt(long other) => Scalar(BinaryOp.Gt, other);

    public Tensor ge(Tensor other) => Binary(BinaryOp.Ge, other);

    public Tensor ge(double other) => Scalar(BinaryOp.Ge, other);

    public Tensor ge(long other) => Scalar(BinaryOp.Ge, other);

    public Tensor matmul(Tensor other) => Binary(BinaryOp.Matmul, other);

    public Tensor bmm(Tensor other) => Binary(BinaryOp.Bmm, other);

    public Tensor outer(Tensor other) => Binary(BinaryOp.Outer, other);

    public Tensor logical_and(Tensor other) => Binary(BinaryOp.LogicalAnd, other);

    public Tensor logical_or(Tensor other) => Binary(BinaryOp.LogicalOr, other);

    public Tensor logical_xor(Tensor other) => Binary(BinaryOp.LogicalXor, other);

    public Tensor remainder(Tensor other) => Binary(BinaryOp.Remainder, other);

    public Tensor remainder(double other) => Scalar(BinaryOp.Remainder, other);

    public Tensor remainder(long other) => Scalar(BinaryOp.Remainder, other);

    public Tensor floor_divide(Tensor other) => Binary(BinaryOp.FloorDivide, other);

    public Tensor floor_divide(double other) => Scalar(BinaryOp.FloorDivide, other);

    public Tensor floor_divide(long other) => Scalar(BinaryOp.FloorDivide, other);

    public Tensor atan2(Tensor other) => Binary(BinaryOp.Atan2, other);

    public Tensor mm(Tensor other) => Binary(BinaryOp.Mm, other);

    public Tensor dot(Tensor other) => Binary(BinaryOp.Dot, other);

    public Tensor fmod(Tensor other) => Binary(BinaryOp.Fmod, other);

    public Tensor fmod(double other) => Scalar(BinaryOp.Fmod, other);

    public Tensor fmod(long other) => Scalar(BinaryOp.Fmod, other);

    public Tensor bitwise_and(Tensor other) => Binary(BinaryOp.BitwiseAnd, other);

    public Tensor bitwise_or(Tensor other) => Binary(BinaryOp.BitwiseOr, other);

    public Tensor bitwise_xor(Tensor other) => Binary(BinaryOp.BitwiseXor, other);

    public Tensor add_(Tensor other) => Binary_(BinaryOp.Add, other);

    public Tensor add_(double other) => Scalar_(BinaryOp.Add, other, 0);

    public Tensor add_(long other) => Scalar_(BinaryOp.Add, other, 1);

    public Tensor sub_(Tensor other) => Binary_(BinaryOp.Sub, other);

    public Tensor sub_(double other) => Scalar_(BinaryOp.Sub, other, 0);

    public Tensor sub_(long other) => Scalar_(BinaryOp.Sub, other, 1);

    public Tensor mul_(Tensor other) => Binary_(BinaryOp.Mul, other);

    public Tensor mul_(double other) => Scalar_(BinaryOp.Mul, other, 0);

    public Tensor mul_(long other) => Scalar_(BinaryOp.Mul, other, 1);

    public Tensor div_(Tensor other) => Binary_(BinaryOp.Div, other);

    public Tensor div_(double other) => Scalar_(BinaryOp.Div, other, 0);

    public Tensor div_(long other) => Scalar_(BinaryOp.Div, other, 1);

    public Tensor pow_(Tensor other) => Binary_(BinaryOp.Pow, other);

    public Tensor pow_(double other) => Scalar_(BinaryOp.Pow, other, 0);

    public Tensor pow_(long other) => Scalar_(BinaryOp.Pow, other, 1);

    /// <summary>this + alpha * other.</summary>
    public Tensor add(Tensor other, double alpha) => From(NativeMethods.tt_add_scaled(Handle, other.Handle, alpha));

    /// <summary>this += alpha * other.</summary>
    public Tensor add_(Tensor other, double alpha)
    {
        Native.Check(NativeMethods.tt_add_scaled_(Handle, other.Handle, alpha));
        return this;
    }

    /// <summary>this - alpha * other.</summary>
    public Tensor sub(Tensor other, double alpha) => add(other, -alpha);

    public Tensor sub_(Tensor other, double alpha) => add_(other, -alpha);

    public Tensor addcmul(Tensor t1, Tensor t2, double value = 1) => From(NativeMethods.tt_addcmul(Handle, t1.Handle, t2.Handle, value, 0));

    public Tensor addcmul_(Tensor t1, Tensor t2, double value = 1)
    {
        NativeMethods.tt_free(Native.Check(NativeMethods.tt_addcmul(Handle, t1.Handle, t2.Handle, value, 1)));
        return this;
    }

    public Tensor addcdiv(Tensor t1, Tensor t2, double value = 1) => From(NativeMethods.tt_addcdiv(Handle, t1.Handle, t2.Handle, value, 0));

    public Tensor addcdiv_(Tensor t1, Tensor t2, double value = 1)
    {
        NativeMethods.tt_free(Native.Check(NativeMethods.tt_addcdiv(Handle, t1.Handle, t2.Handle, value, 1)));
        return this;
    }

    /// <summary>this + weight * (end - this).</summary>
    public Tensor lerp(Tensor end, double weight) => From(NativeMethods.tt_lerp(Handle, end.Handle, weight, 0));

    public Tensor lerp_(Tensor end, double weight)
    {
        NativeMethods.tt_free(Native.Check(NativeMethods.tt_lerp(Handle, end.Handle, weight, 1)));
        return this;
    }

    /// <summary>Copies <paramref name="src"/> (broadcast, converted) into this tensor.</summary>
    public Tensor copy_(Tensor src)
    {
        Native.Check(NativeMethods.tt_copy_(Handle, src.Handle));
        return this;
    }

    public Tensor fill_(double value)
    {
        Native.Check(NativeMethods.tt_fill_(Handle, value));
        return this;
    }

    public Tensor clamp(double? min = null, double? max = null) =>
        From(NativeMethods.tt_clamp(Handle, min.HasValue ? 1 : 0, min ?? 0, max.HasValue ? 1 : 0, max ?? 0, 0));

    public Tensor clamp_(double? min = null, double? max = null)
    {
        NativeMethods.tt_free(Native.Check(NativeMethods.tt_clamp(Handle, min.HasValue ? 1 : 0, min ?? 0, max.HasValue ? 1 : 0, max ?? 0, 1)));
        return this;
    }

    public Tensor clamp_min(double min) => clamp(min, null);

    public Tensor clamp_max(double max) => clamp(null, max);

    public Tensor pow(Tensor exponent, bool reverse) => reverse ? Binary(BinaryOp.Rpow, exponent) : Binary(BinaryOp.Pow, exponent);

    // ------------------------------------------------------------ operators (PyTorch broadcasting and type promotion)

    public static Tensor operator +(Tensor a, Tensor b) => a.add(b);
    public static Tensor operator +(Tensor a, double b) => a.add(b);
    public static Tensor operator +(Tensor a, long b) => a.add(b);
    public static Tensor operator +(double a, Tensor b) => b.add(a);
    public static Tensor operator +(long a, Tensor b) => b.add(a);
    public static Tensor operator -(Tensor a, Tensor b) => a.sub(b);
    public static Tensor operator -(Tensor a, double b) => a.sub(b);
    public static Tensor operator -(Tensor a, long b) => a.sub(b);
    public static Tensor operator -(double a, Tensor b) => b.Scalar(BinaryOp.Rsub, a);
    public static Tensor operator -(long a, Tensor b) => b.Scalar(BinaryOp.Rsub, a);
    public static Tensor operator *(Tensor a, Tensor b) => a.mul(b);
    public static Tensor operator *(Tensor a, double b) => a.mul(b);
    public static Tensor operator *(Tensor a, long b) => a.mul(b);
    public static Tensor operator *(double a, Tensor b) => b.mul(a);
    public static Tensor operator *(long a, Tensor b) => b.mul(a);
    public static Tensor operator /(Tensor a, Tensor b) => a.div(b);
    public static Tensor operator /(Tensor a, double b) => a.div(b);
    public static Tensor operator /(Tensor a, long b) => a.div(b);
    public static Tensor operator /(double a, Tensor b) => b.Scalar(BinaryOp.Rdiv, a);
    public static Tensor operator /(long a, Tensor b) => b.Scalar(BinaryOp.Rdiv, a);
    public static Tensor operator %(Tensor a, Tensor b) => a.remainder(b);
    public static Tensor operator %(Tensor a, double b) => a.remainder(b);
    public static Tensor operator %(Tensor a, long b) => a.remainder(b);
    public static Tensor operator -(Tensor a) => a.neg();
    public static Tensor operator !(Tensor a) => a.logical_not();
    public static Tensor operator &(Tensor a, Tensor b) => a.dtype == ScalarType.Bool ? a.logical_and(b) : a.bitwise_and(b);
    public static Tensor operator |(Tensor a, Tensor b) => a.dtype == ScalarType.Bool ? a.logical_or(b) : a.bitwise_or(b);
    public static Tensor operator ^(Tensor a, Tensor b) => a.dtype == ScalarType.Bool ? a.logical_xor(b) : a.bitwise_xor(b);
    public static Tensor operator <(Tensor a, Tensor b) => a.lt(b);
    public static Tensor operator >(Tensor a, Tensor b) => a.gt(b);
    public static Tensor operator <=(Tensor a, Tensor b) => a.le(b);
    public static Tensor operator >=(Tensor a, Tensor b) => a.ge(b);
    public static Tensor operator <(Tensor a, double b) => a.lt(b);
    public static Tensor operator >(Tensor a, double b) => a.gt(b);
    public static Tensor operator <=(Tensor a, double b) => a.le(b);
    public static Tensor operator >=(Tensor a, double b) => a.ge(b);
    public static Tensor operator <(Tensor a, long b) => a.lt(b);
    public static Tensor operator >(Tensor a, long b) => a.gt(b);
    public static Tensor operator <=(Tensor a, long b) => a.le(b);
    public static Tensor operator >=(Tensor a, long b) => a.ge(b);
}
