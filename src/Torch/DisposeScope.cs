namespace Trainer.Torch;

/// <summary>
/// A thread-local, nestable region that owns every tensor created inside it and frees them when it ends:
/// <code>
/// using (var scope = torch.NewDisposeScope())
/// {
///     var loss = model.Loss(batch);   // temporaries registered in scope
///     loss.backward();
///     kept = scope.MoveToOuter(loss.detach());
/// }                                   // every other temporary freed here
/// </code>
/// Tensors created outside any scope are owned by the caller (dispose them, or let the finalizer free them).
/// Parameters and optimizer state are detached from scopes when created.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic]
    private static DisposeScope? _current;

    private readonly List<Tensor> _owned = new();
    private bool _disposed;

    internal DisposeScope()
    {
        Outer = _current;
        _current = this;
    }

    /// <summary>The scope that was current when this one was opened (null at the outermost level).</summary>
    public DisposeScope? Outer { get; }

    /// <summary>The innermost scope of this thread, or null.</summary>
    public static DisposeScope? Current => _current;

    /// <summary>Number of live tensors this scope still owns.</summary>
    public int Count
    {
        get
        {
            int n = 0;
            foreach (Tensor t in _owned)
            {
                if (ReferenceEquals(t.Scope, this) && !t.IsDisposed)
                {
                    n++;
                }
            }

            return n;
        }
    }

    internal static void Register(Tensor t)
    {
        DisposeScope? s = _current;
        if (s is not null)
        {
            t.Scope = s;
            s._owned.Add(t);
        }
    }

    /// <summary>Hands <paramref name="t"/> to the enclosing scope (or to the caller, at the outermost level).</summary>
    public Tensor MoveToOuter(Tensor t)
    {
        if (ReferenceEquals(t.Scope, this))
        {
            t.Scope = null;
            if (Outer is not null)
            {
                t.Scope = Outer;
                Outer._owned.Add(t);
            }
        }

        return t;
    }

    /// <summary>Moves several tensors to the enclosing scope.</summary>
    public void MoveToOuter(params Tensor[] tensors)
    {
        foreach (Tensor t in tensors)
        {
            MoveToOuter(t);
        }
    }

    /// <summary>Removes <paramref name="t"/> from whatever scope owns it; the caller now owns it.</summary>
    public static Tensor Detach(Tensor t)
    {
        t.Scope = null;
        return t;
    }

    /// <summary>Frees every tensor the scope still owns and restores the enclosing scope.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!ReferenceEquals(_current, this))
        {
            throw new InvalidOperationException("dispose scopes must be disposed in the reverse order of creation");
        }

        _current = Outer;
        foreach (Tensor t in _owned)
        {
            if (ReferenceEquals(t.Scope, this))
            {
                t.Scope = null;
                t.Dispose();
            }
        }

        _owned.Clear();
    }
}
