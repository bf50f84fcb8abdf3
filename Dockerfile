# syntax=docker/dockerfile:1

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore in a layer of its own, so it reruns only when a project or a package version changes.
COPY Raio.sln global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY Raio.Api/Raio.Api.csproj Raio.Api/
COPY Raio.Ledger/Raio.Ledger.csproj Raio.Ledger/
RUN dotnet restore Raio.Api/Raio.Api.csproj

COPY Raio.Api/ Raio.Api/
COPY Raio.Ledger/ Raio.Ledger/
COPY features/ features/
COPY sql/ sql/
# The admin OpenAPI document is committed and served at run time; writing it again here would
# start the app inside the build for nothing.
RUN dotnet publish Raio.Api/Raio.Api.csproj -c Release -o /app --no-restore \
    -p:OpenApiGenerateDocumentsOnBuild=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./

# Kestrel listens on these ports itself; the image's default of 8080 would only draw a warning.
ENV ADMIN_PORT=3001 \
    CONNECTOR_PORT=3002 \
    OPEN_PAYMENTS_PORT=3003 \
    ASPNETCORE_HTTP_PORTS=
EXPOSE 3001 3002 3003

# The image's built-in unprivileged user (UID 1654).
USER $APP_UID
ENTRYPOINT ["dotnet", "Raio.Api.dll"]
