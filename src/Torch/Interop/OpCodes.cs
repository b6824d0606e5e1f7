namespace Trainer.Torch.Interop;

// Op codes shared with native/ops.cpp: keep both lists in the same order.

internal enum UnaryOp
{
    Neg, Abs, Sign, Sqrt, Rsqrt, Exp, Log, Log1p, Expm1, Relu, Gelu, GeluTanh, Silu,
    Tanh, Sigmoid, LogSigmoid, Softplus, IsNan, IsFinite, LogicalNot, Sin, Cos, Floor, Ceil,
    Round, Reciprocal, Square, Erf, Zero, Log2, Trunc, IsInf, NanToNum, Acos, BitwiseNot,
}

internal enum BinaryOp
{
    Add, Sub, Mul, Div, Pow, Maximum, Minimum, Eq, Ne, Lt, Le, Gt, Ge, Matmul, Bmm,
    Outer, LogicalAnd, LogicalOr, Remainder, FloorDivide, Atan2, Mm, Dot, Rsub, Rdiv,
    Rpow, LogicalXor, BitwiseAnd, BitwiseOr, BitwiseXor, Fmod,
}

internal enum ReduceOp
{
    Sum, Mean, Amax, Amin, LogSumExp, All, Any, Prod, NanSum, CountNonzero,
}
