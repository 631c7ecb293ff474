using EthGov.Api.Configuration;
using EthGov.Api.Health;
using EthGov.Chain.Transactions;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.Services.Configure<ChainOptions>(builder.Configuration.GetSection("Chain"));
builder.Services.Configure<EthGovOptions>(builder.Configuration.GetSection("EthGov"));
var chainOptions = builder.Configuration.GetSection("Chain").Get<ChainOptions>() ?? new ChainOptions();
var ethGovOptions = builder.Configuration.GetSection("EthGov").Get<EthGovOptions>() ?? new EthGovOptions();
builder.Services.AddSingleton(await StartupValidation.ValidateAsync(chainOptions, ethGovOptions));
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.AddHealthChecks().AddCheck<ChainHealthCheck>("chain");

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapOpenApi();
app.MapScalarApiReference();
app.MapHealthApi();

await app.RunAsync();

/// <summary>The API's entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
