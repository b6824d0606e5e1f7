using System.CommandLine;
using System.Text.Json;
using Trainer.Data;

namespace Trainer.Cli;

/// <summary><c>trainer gen-data</c>: writes a dataset folder (manifest.json + arrays) and prints a summary.</summary>
internal static class GenDataCommand
{
    public static Command Build()
    {
        var generator = new Argument<string?>("generator") { Description = "Generator name (omit with --list)", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string?>("--out", "-o") { Description = "Folder to write (default: data/<generator>-seed<seed>)" };
        var seed = new Option<ulong>("--seed") { Description = "Seed: the same seed gives the same bytes on every machine", DefaultValueFactory = _ => 0 };
        var config = new Option<string?>("--config", "-c") { Description = "JSON file with the generator's config (snake_case keys)" };
        var sets = new Option<string[]>("--set") { Description = "Override a config key: --set degree=8 (repeatable)", AllowMultipleArgumentsPerToken = false };
        var list = new Option<bool>("--list") { Description = "List the generators and their default configs" };
        var cmd = new Command("gen-data", "Generate a synthetic dataset (graphs, path-star tasks, walks, Zipf associations, patterns) into a folder");
        cmd.Arguments.Add(generator);
        cmd.Options.Add(output);
        cmd.Options.Add(seed);
        cmd.Options.Add(config);
        cmd.Options.Add(sets);
        cmd.Options.Add(list);
        cmd.SetAction(parse =>
        {
            string? name = parse.GetValue(generator);
            if (parse.GetValue(list) || name is null)
            {
                foreach (var g in DataCatalog.Generators)
                {
                    Console.WriteLine($"{g.Name,-22} {g.Description}");
                    Console.WriteLine($"{"",-22} defaults: {g.DefaultConfig.GetRawText()}");
                }

                return name is null && !parse.GetValue(list) ? 1 : 0;
            }

            var json = JsonOverrides.Load(parse.GetValue(config));
            JsonOverrides.Apply(json, parse.GetValue(sets) ?? Array.Empty<string>());
            ulong s = parse.GetValue(seed);
            string folder = parse.GetValue(output) ?? Path.Combine("data", $"{name}-seed{s}");
            using JsonDocument doc = JsonDocument.Parse(json.ToJsonString());
            Console.WriteLine(DataCatalog.Generate(name, doc.RootElement, s, folder));
            return 0;
        });
        return cmd;
    }
}
