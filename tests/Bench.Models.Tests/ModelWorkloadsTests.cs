namespace Trainer.Bench.Models.Tests;

public class ModelWorkloadsTests
{
    [Fact]
    public void Every_model_workload_has_a_unique_name_and_is_listed_after_the_engine_set()
    {
        ModelWorkloads.RegisterAll();
        var names = ModelWorkloads.All.Select(t => { using var w = (Workload)Activator.CreateInstance(t)!; return w.Name; }).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        var all = WorkloadCatalog.Expand(new[] { "all" });
        Assert.Equal(names, all.Skip(all.Count - names.Count));
        foreach (string n in names)
        {
            Assert.Equal(new[] { n }, WorkloadCatalog.Expand(new[] { n }));
        }
    }
}
