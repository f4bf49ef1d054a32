// Paragraf on Azure: everything a municipality's IT department needs besides the Entra ID app
// registration (create that first; see the README's "Deploy to Azure").
//   az group create -n rg-paragraf -l swedencentral
//   az acr create -g rg-paragraf -n <acr> --sku Basic && az acr build -r <acr> -t paragraf:1 .
//   az deployment group create -g rg-paragraf -f infra/main.bicep -p infra/main.parameters.json \
//     -p botAppPassword=<client secret> linkSecret=<64 random chars> auditKey=<64 random chars>
// Resource types and API versions are the documented GA ones; no Bicep linter is reachable from the
// machines that build Paragraf, so run `az bicep build -f infra/main.bicep` before the first deployment.

targetScope = 'resourceGroup'

@description('Azure region. Sweden Central keeps the data in Sweden.')
param location string = 'swedencentral'

@description('Short name used in every resource name, e.g. "paragraf-norrby". Lower case, digits and hyphens.')
@minLength(3)
@maxLength(20)
param baseName string = 'paragraf'

@description('The container image, e.g. norrbyacr.azurecr.io/paragraf:1 (built from the Dockerfile).')
param image string

@description('Application (client) id of the Entra ID app registration the bot uses.')
param botAppId string

@description('Directory (tenant) id of the municipality.')
param tenantId string = subscription().tenantId

@secure()
@description('Client secret of the app registration. Stored in Key Vault, never in app settings.')
param botAppPassword string

@secure()
@minLength(32)
@description('PARAGRAF_LINK_SECRET: signs document and tab links. At least 32 characters.')
param linkSecret string

@secure()
@minLength(32)
@description('PARAGRAF_AUDIT_KEY: keys the audit chain. At least 32 characters; keep a copy outside Azure.')
param auditKey string

@description('Name of the Azure Container Registry in this resource group that holds the image (az acr create, then az acr build).')
param registryName string

@description('Azure Bot pricing tier: F0 is free (10 000 premium messages a month), S1 is paid.')
@allowed(['F0', 'S1'])
param botSku string = 'F0'

var suffix = uniqueString(resourceGroup().id)
var storageName = toLower(take(replace('st${baseName}${suffix}', '-', ''), 24))
var vaultName = take('kv-${baseName}-${suffix}', 24)
var appName = take('ca-${baseName}', 32)
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var acrPull = '7f951dda-4ed3-4680-a7ca-43fe172d538d'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${baseName}'
  location: location
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

resource registryRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, identity.id, acrPull)
  scope: registry
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPull)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${baseName}'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 90
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${baseName}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

// Table Storage with Entra ID only: no account keys, no connection string to leak.
resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource storageRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  properties: {
    tenantId: tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
  }
}

resource vaultRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'bot-app-password'
  properties: { value: botAppPassword }
}

resource linkSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'link-secret'
  properties: { value: linkSecret }
}

resource auditKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'audit-key'
  properties: { value: auditKey }
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: 'cae-${baseName}'
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
  }
}

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: appName
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  dependsOn: [vaultRole, storageRole, registryRole]
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      ingress: {
        external: true
        targetPort: 3978
        transport: 'auto'
        allowInsecure: false
      }
      registries: [
        { server: registry.properties.loginServer, identity: identity.id }
      ]
      secrets: [
        { name: 'bot-app-password', keyVaultUrl: botPasswordSecret.properties.secretUri, identity: identity.id }
        { name: 'link-secret', keyVaultUrl: linkSecretSecret.properties.secretUri, identity: identity.id }
        { name: 'audit-key', keyVaultUrl: auditKeySecret.properties.secretUri, identity: identity.id }
      ]
    }
    template: {
      containers: [
        {
          name: 'paragraf'
          image: image
          resources: { cpu: json('0.5'), memory: '1Gi' }
          env: [
            { name: 'MicrosoftAppId', value: botAppId }
            { name: 'MicrosoftAppTenantId', value: tenantId }
            { name: 'MicrosoftAppType', value: 'SingleTenant' }
            { name: 'MicrosoftAppPassword', secretRef: 'bot-app-password' }
            { name: 'AZURE_TABLES_ACCOUNT_URL', value: storage.properties.primaryEndpoints.table }
            // DefaultAzureCredential picks the user-assigned identity by its client id.
            { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
            { name: 'PARAGRAF_PUBLIC_URL', value: 'https://${appName}.${environment.properties.defaultDomain}' }
            { name: 'PARAGRAF_LINK_SECRET', secretRef: 'link-secret' }
            { name: 'PARAGRAF_AUDIT_KEY', secretRef: 'audit-key' }
          ]
          probes: [
            { type: 'Liveness', httpGet: { path: '/healthz', port: 3978 }, periodSeconds: 30 }
            { type: 'Readiness', httpGet: { path: '/healthz', port: 3978 }, periodSeconds: 10 }
          ]
        }
      ]
      // Several replicas are safe: state is in Table Storage, scheduled work is claimed through leases.
      scale: { minReplicas: 1, maxReplicas: 3 }
    }
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: 'bot-${baseName}-${suffix}'
  location: 'global'
  kind: 'azurebot'
  sku: { name: botSku }
  properties: {
    displayName: 'Paragraf'
    endpoint: 'https://${app.properties.configuration.ingress.fqdn}/api/messages'
    msaAppId: botAppId
    msaAppType: 'SingleTenant'
    msaAppTenantId: tenantId
    developerAppInsightKey: insights.properties.InstrumentationKey
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: { isEnabled: true }
  }
}

output appUrl string = 'https://${app.properties.configuration.ingress.fqdn}'
output botDomain string = app.properties.configuration.ingress.fqdn
output storageTableEndpoint string = storage.properties.primaryEndpoints.table
output keyVaultName string = vault.name
output identityPrincipalId string = identity.properties.principalId
