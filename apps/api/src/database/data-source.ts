import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';

/** For the TypeORM CLI (`typeorm migration:show -d dist/apps/api/src/database/data-source.js`). */
export default new DataSource(dataSourceOptions(loadConfig()));
