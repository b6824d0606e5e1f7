namespace Trainer.Bench.Models;

/// <summary>
/// Marks a <see cref="Workload"/> of this assembly as a canonical model workload (issue 8): <see cref="ModelWorkloads"/>
/// finds it by reflection and registers it under its <see cref="Workload.Name"/>, so adding a workload is adding one
/// file. <see cref="Order"/> is its place in <c>trainer bench all</c> (after the engine set).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ModelWorkloadAttribute(int order) : Attribute
{
    /// <summary>Position in the run order of "all" (smaller first).</summary>
    public int Order { get; } = order;
}
