// Diarium's data: Azure Database for PostgreSQL flexible server (private access in the virtual
// network), a Storage account with the blob container, and the two Key Vault secrets derived
// from them (database-url, storage-connection-string), which the apps read as DATABASE_URL and
// AZURE_STORAGE_CONNECTION_STRING.

@description('Azure region of the server and the storage account.')
param location string

@description('Tags for every resource.')
param tags object

@description('Name of the PostgreSQL flexible server (globally unique).')
param postgresName string

@description('Administrator login of the PostgreSQL server; Diarium connects as it (it runs the migrations and CREATE EXTENSION pg_trgm).')
param postgresAdminLogin string

@description('Administrator password of the PostgreSQL server, read from Key Vault by main.bicep.')
@secure()
param postgresAdminPassword string

@description('Compute size of the PostgreSQL server, e.g. Standard_D2ds_v5.')
param postgresSkuName string

@description('Tier of the compute size: Burstable, GeneralPurpose or MemoryOptimized.')
param postgresSkuTier string

@description('Storage of the PostgreSQL server, in GiB (it grows automatically beyond it).')
param postgresStorageSizeGB int

@description('High availability of the PostgreSQL server: Disabled, SameZone or ZoneRedundant.')
param postgresHighAvailability string

@description('Days of point-in-time backups of the PostgreSQL server (7–35).')
param postgresBackupRetentionDays int

@description('The database Diarium uses on the server.')
param databaseName string

@description('Resource id of the subnet delegated to Microsoft.DBforPostgreSQL/flexibleServers.')
param postgresSubnetId string

@description('Resource id of the virtual network, linked to the server\'s private DNS zone.')
param virtualNetworkId string

@description('Name of the Storage account (globally unique, 3–24 lower-case letters and digits).')
param storageName string

@description('Replication of the Storage account, e.g. Standard_ZRS.')
param storageSkuName string

@description('Days a deleted blob or container can be restored.')
param blobSoftDeleteDays int

@description('The blob container for registered documents\' files (AZURE_STORAGE_CONTAINER).')
param blobContainerName string

@description('Name of the existing Key Vault the derived secrets are written to.')
param keyVaultName string

// ---- PostgreSQL: private access only, reached through the virtual network ---------------------

resource privateDns 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: '${postgresName}.private.postgres.database.azure.com'
  location: 'global'
  tags: tags
}

resource privateDnsLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {
  parent: privateDns
  name: 'vnet'
  location: 'global'
  tags: tags
  properties: {
    virtualNetwork: { id: virtualNetworkId }
    registrationEnabled: false
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: postgresName
  location: location
  tags: tags
  sku: {
    name: postgresSkuName
    tier: postgresSkuTier
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    authConfig: {
      activeDirectoryAuth: 'Disabled'
      passwordAuth: 'Enabled'
    }
    storage: {
      storageSizeGB: postgresStorageSizeGB
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: postgresBackupRetentionDays
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: postgresHighAvailability
    }
    network: {
      delegatedSubnetResourceId: postgresSubnetId
      privateDnsZoneArmResourceId: privateDns.id
      publicNetworkAccess: 'Disabled'
    }
  }
  dependsOn: [privateDnsLink]
}

// The search uses pg_trgm (README.md, "A real PostgreSQL server"); Azure allows only listed extensions.
resource extensions 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: postgres
  name: 'azure.extensions'
  properties: {
    value: 'PG_TRGM'
    source: 'user-override'
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: databaseName
  properties: {
    charset: 'UTF8'
  }
  // The server takes one change at a time.
  dependsOn: [extensions]
}

// ---- Blob Storage -----------------------------------------------------------------------------

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  tags: tags
  sku: { name: storageSkuName }
  kind: 'StorageV2'
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // The API authenticates with the connection string (AZURE_STORAGE_CONNECTION_STRING).
    allowSharedKeyAccess: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    deleteRetentionPolicy: { enabled: true, days: blobSoftDeleteDays }
    containerDeleteRetentionPolicy: { enabled: true, days: blobSoftDeleteDays }
  }
}

resource container 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: blobContainerName
  properties: {
    publicAccess: 'None'
  }
}

// ---- The derived secrets, in the operator's Key Vault -----------------------------------------

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource databaseUrl 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'database-url'
  properties: {
    contentType: 'DATABASE_URL'
    value: 'postgres://${uriComponent(postgresAdminLogin)}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${database.name}?sslmode=verify-full'
  }
}

resource storageConnectionString 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'storage-connection-string'
  properties: {
    contentType: 'AZURE_STORAGE_CONNECTION_STRING'
    value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
  }
}

@description('The PostgreSQL server\'s host name (private, resolved in the virtual network).')
output postgresHost string = postgres.properties.fullyQualifiedDomainName

@description('The Storage account\'s name.')
output storageAccountName string = storage.name

@description('The blob container\'s name.')
output blobContainerName string = container.name
