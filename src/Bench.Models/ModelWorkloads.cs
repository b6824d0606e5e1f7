using System.Reflection;

namespace Trainer.Bench.Models;

/// <summary>
/// Registers the model workloads (every class of this assembly marked <see cref="ModelWorkloadAttribute"/>, with a
/// public parameterless constructor) with <see cref="WorkloadCatalog"/>. The CLI calls <see cref="RegisterAll"/>
/// before <c>trainer bench</c> runs; constructors must be cheap (heavy work belongs in Setup).
/// </summary>
public static class ModelWorkloads
{
    private static readonly Lazy<IReadOnlyList<Type>> Types = new(Find);

    /// <summary>The workload types in run order.</summary>
    public static IReadOnlyList<Type> All => Types.Value;

    /// <summary>Registers every model workload under its name (idempotent).</summary>
    public static void RegisterAll()
    {
        foreach (Type t in All)
        {
            using var probe = Create(t);
            WorkloadCatalog.Register(probe.Name, () => Create(t));
        }
    }

    private static Workload Create(Type t) => (Workload)Activator.CreateInstance(t)!;

    private static IReadOnlyList<Type> Find() =>
        typeof(ModelWorkloads).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(Workload).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (Type: t, Attr: t.GetCustomAttribute<ModelWorkloadAttribute>()))
            .Where(x => x.Attr is not null)
            .OrderBy(x => x.Attr!.Order)
            .ThenBy(x => x.Type.Name, StringComparer.Ordinal)
            .Select(x => x.Type)
            .ToList();
}
