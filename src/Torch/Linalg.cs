using Trainer.Torch.Interop;

namespace Trainer.Torch;

public static partial class torch
{
    /// <summary>torch.linalg: decompositions and solvers used by the probes.</summary>
    public static class linalg
    {
        /// <summary>Eigen-decomposition of a symmetric matrix: eigenvalues ascending, eigenvectors in columns.</summary>
        public static unsafe (Tensor eigenvalues, Tensor eigenvectors) eigh(Tensor a, string UPLO = "L")
        {
            IntPtr* o = stackalloc IntPtr[2];
            Native.Check(NativeMethods.tt_eigh(a.Handle, UPLO, o));
            return (Tensor.From(o[0]), Tensor.From(o[1]));
        }

        public static Tensor eigvalsh(Tensor a) => Tensor.From(NativeMethods.tt_eigvalsh(a.Handle));

        /// <summary>A = U diag(S) Vh.</summary>
        public static unsafe (Tensor U, Tensor S, Tensor Vh) svd(Tensor a, bool full_matrices = true)
        {
            IntPtr* o = stackalloc IntPtr[3];
            Native.Check(NativeMethods.tt_svd(a.Handle, full_matrices ? 1 : 0, o));
            return (Tensor.From(o[0]), Tensor.From(o[1]), Tensor.From(o[2]));
        }

        /// <summary>A = Q R; mode "reduced", "complete" or "r".</summary>
        public static unsafe (Tensor Q, Tensor R) qr(Tensor a, string mode = "reduced")
        {
            IntPtr* o = stackalloc IntPtr[2];
            Native.Check(NativeMethods.tt_qr(a.Handle, mode, o));
            return (Tensor.From(o[0]), Tensor.From(o[1]));
        }

        /// <summary>X with A X = B.</summary>
        public static Tensor solve(Tensor a, Tensor b) => Tensor.From(NativeMethods.tt_solve(a.Handle, b.Handle));

        public static Tensor pinv(Tensor a) => Tensor.From(NativeMethods.tt_pinv(a.Handle));

        public static Tensor inv(Tensor a) => Tensor.From(NativeMethods.tt_inv(a.Handle));

        public static Tensor det(Tensor a) => Tensor.From(NativeMethods.tt_det(a.Handle));

        public static Tensor cholesky(Tensor a) => Tensor.From(NativeMethods.tt_cholesky(a.Handle));

        public static Tensor norm(Tensor a, double ord = 2, long[]? dim = null, bool keepdim = false) => a.norm(ord, dim, keepdim);
    }
}
